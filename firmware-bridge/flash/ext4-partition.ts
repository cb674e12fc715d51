import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTool } from '../pack/run-tool.ts';

export interface Ext4File {
  /** Absolute path inside the filesystem. */
  readonly target: string;
  /** The file on this machine to copy in. */
  readonly source: string;
  readonly mode: number;
}

export interface Ext4Symlink {
  readonly path: string;
  readonly pointsTo: string;
}

export interface Ext4Summary {
  readonly freeBytes: number;
  /** The journal holds changes not yet applied: the filesystem was not unmounted cleanly. */
  readonly needsRecovery: boolean;
}

/** What debugfs prints on stderr every time, and what is not a failure. */
const BANNER = /^debugfs \d/;
const NOT_FOUND = /^(.*): File not found by ext2_lookup\s*$/;

/**
 * The ext4 root partition of an image or card, read and written in place with debugfs
 * (`IMAGE?offset=N`, e2fsprogs' own syntax): nothing is mounted. debugfs says what went wrong on
 * stderr and still exits 0, so every run's stderr is read, and every write is checked after.
 */
export class Ext4Partition {
  readonly #device: string;
  readonly #debugfs: string;

  constructor(image: string, offsetBytes: number, debugfs: string) {
    this.#device = `${image}?offset=${offsetBytes}`;
    this.#debugfs = debugfs;
  }

  /** Free space and whether the journal needs replaying; throws if this is not an ext2/3/4 filesystem. */
  async summary(): Promise<Ext4Summary> {
    const { stdout } = await this.#run(['-R', 'stats']);
    const field = (name: string) => stdout.match(new RegExp(`^${name}:\\s*(.*)$`, 'm'))?.[1]?.trim();
    const blockSize = Number(field('Block size'));
    const freeBlocks = Number(field('Free blocks'));
    const features = (field('Filesystem features') ?? '').split(/\s+/);
    if (!Number.isFinite(blockSize) || !Number.isFinite(freeBlocks))
      throw new Error('partition 2 is not an ext4 filesystem (debugfs could not read its superblock)');
    return { freeBytes: blockSize * freeBlocks, needsRecovery: features.includes('needs_recovery') };
  }

  /** The paths of these that do not exist. */
  async missing(paths: readonly string[]): Promise<Set<string>> {
    if (paths.length === 0) return new Set();
    const { stderr } = await this.#batch(paths.map((p) => `stat ${quote(p)}`));
    const missing = new Set<string>();
    for (const line of stderr) {
      const match = line.match(NOT_FOUND);
      if (match?.[1]) missing.add(match[1]);
    }
    return missing;
  }

  async exists(file: string): Promise<boolean> {
    return !(await this.missing([file])).has(file);
  }

  /** A file's contents, or undefined when there is none. */
  async read(file: string): Promise<Buffer | undefined> {
    if (!(await this.exists(file))) return undefined;
    const result = await runTool(this.#debugfs, ['-R', `cat ${quote(file)}`, this.#device]);
    return result.stdout;
  }

  /**
   * Copies files in (replacing any there), owned by root with the given modes, makes the symlinks,
   * and creates missing folders (root's, 0755) on the way. Then checks each file's size.
   */
  async install(files: readonly Ext4File[], symlinks: readonly Ext4Symlink[] = []): Promise<void> {
    const targets = [...files.map((f) => f.target), ...symlinks.map((l) => l.path)];
    const folders = [...new Set(targets.flatMap(ancestors))].sort((a, b) => a.length - b.length);
    const missing = await this.missing([...folders, ...targets]);
    const owned = (p: string) => [`sif ${quote(p)} uid 0`, `sif ${quote(p)} gid 0`];
    const replace = (p: string) => (missing.has(p) ? [] : [`rm ${quote(p)}`]);
    const commands = [
      ...folders.filter((dir) => missing.has(dir)).flatMap((dir) => [`mkdir ${quote(dir)}`, ...owned(dir)]),
      ...files.flatMap((file) => [
        ...replace(file.target),
        `write ${quote(file.source)} ${quote(file.target)}`,
        ...owned(file.target),
        `sif ${quote(file.target)} mode 0${(0o100000 | file.mode).toString(8)}`,
      ]),
      ...symlinks.flatMap((link) => [
        ...replace(link.path),
        `symlink ${quote(link.path)} ${quote(link.pointsTo)}`,
        ...owned(link.path),
      ]),
    ];
    const { stderr } = await this.#batch(commands, { write: true });
    if (stderr.length > 0)
      throw new Error(`debugfs could not write the root partition: ${stderr.join(' / ')}`);
    await this.#checkSizes(files);
  }

  async #checkSizes(files: readonly Ext4File[]): Promise<void> {
    const { stdout } = await this.#batch(files.map((f) => `stat ${quote(f.target)}`));
    // With -f, debugfs echoes each command as `debugfs: <command>` before its output.
    const sections = stdout.split(/^debugfs: /m).slice(1);
    for (const [index, file] of files.entries()) {
      const size = Number(sections[index]?.match(/\bSize: (\d+)/)?.[1]);
      const expected = (await stat(file.source)).size;
      if (size !== expected)
        throw new Error(
          `${file.target} on the root partition has ${size} bytes, not ${expected}: is it full?`,
        );
    }
  }

  /** Runs debugfs commands from a file (-f), one session. */
  async #batch(commands: readonly string[], options: { write?: boolean } = {}) {
    const dir = await mkdtemp(path.join(tmpdir(), 'hearth-debugfs-'));
    try {
      const file = path.join(dir, 'commands');
      await writeFile(file, `${commands.join('\n')}\n`);
      return await this.#run([...(options.write ? ['-w'] : []), '-f', file]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async #run(args: readonly string[]): Promise<{ stdout: string; stderr: string[] }> {
    // No pager for long outputs (stat), even on a terminal.
    const result = await runTool(this.#debugfs, [...args, this.#device], {
      env: { DEBUGFS_PAGER: '__none__' },
    });
    if (result.code !== 0)
      throw new Error(
        `debugfs cannot open the root partition: ${result.stderr.trim().split('\n').slice(1, 3).join(' ')}`,
      );
    const stderr = result.stderr.split('\n').filter((line) => line.trim() !== '' && !BANNER.test(line));
    return { stdout: result.stdout.toString('utf8'), stderr };
  }
}

/** `/a/b/c` → `/a`, `/a/b`. */
function ancestors(file: string): string[] {
  const parts = file.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, index) => `/${parts.slice(0, index + 1).join('/')}`);
}

/** debugfs parses its command lines like a shell's double quotes; a path needing more is refused. */
function quote(value: string): string {
  if (/["\n\\]/.test(value)) throw new Error(`debugfs cannot be given the path ${JSON.stringify(value)}`);
  return `"${value}"`;
}
