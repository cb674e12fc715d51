import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { MissingToolError } from '../pack/run-tool.ts';

/** The programs `hearth flash` works the image with, and the Debian package of each. */
export const FLASH_TOOLS = {
  mtype: 'mtools',
  mcopy: 'mtools',
  debugfs: 'e2fsprogs',
} as const;

export type FlashTool = keyof typeof FLASH_TOOLS;

// debugfs is in /usr/sbin, which is not on a normal user's PATH on Debian.
const SYSTEM_DIRS = ['/usr/sbin', '/sbin'];

/** A program's full path: on PATH, or in the sbin folders. */
export function findTool(name: string, searchPath: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of [...searchPath.split(path.delimiter).filter(Boolean), ...SYSTEM_DIRS]) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** Every flash tool's path; all the missing ones named in one error, with one install command. */
export function requireFlashTools(searchPath?: string): Record<FlashTool, string> {
  const found: Partial<Record<FlashTool, string>> = {};
  const missing: FlashTool[] = [];
  for (const name of Object.keys(FLASH_TOOLS) as FlashTool[]) {
    const at = findTool(name, searchPath);
    if (at) found[name] = at;
    else missing.push(name);
  }
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((name) => FLASH_TOOLS[name]))];
    throw new MissingToolError(
      `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed: apt-get install ${packages.join(' ')}`,
    );
  }
  return found as Record<FlashTool, string>;
}
