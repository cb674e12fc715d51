import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The hub serves the built panel (`npm install` builds it); build it if a checkout lacks it. */
export function ensurePanelBuilt(): void {
  if (existsSync(`${root}ui/dist/index.html`)) return;
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
