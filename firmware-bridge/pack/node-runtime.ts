import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ProgressSink } from '../../hub/cli/progress.ts';
import { runToolOk } from './run-tool.ts';
import type { TargetArchInfo } from './target-arch.ts';

/** hearth's download cache: `$HEARTH_CACHE_DIR`, else `$XDG_CACHE_HOME/hearth`, else `~/.cache/hearth`. */
export function hearthCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HEARTH_CACHE_DIR) return path.resolve(env.HEARTH_CACHE_DIR);
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'hearth');
}

export interface NodeRuntime {
  /** The `node` program for the Pi. */
  readonly nodePath: string;
  /** Node's LICENSE, which goes along with it. */
  readonly licensePath: string;
  readonly version: string;
}

const POLL_MS = 200;

/**
 * The Pi's Node runtime, from the cache, or fetched once with `npm pack` (so npm's registry
 * settings, proxy and authentication apply) and kept: `node` and its LICENSE only, 1/3 of the
 * package (headers and docs are left out). Safe to run twice at once: each download goes to its
 * own folder and the first to finish is moved into place whole.
 */
export async function ensureNodeRuntime(
  target: TargetArchInfo,
  options: { cacheDir: string; progress: ProgressSink },
): Promise<NodeRuntime> {
  const { name, version } = target.runtime;
  const runtimes = path.join(options.cacheDir, 'node-runtime');
  const dir = path.join(runtimes, `${name}-${version}`);
  const runtime = {
    nodePath: path.join(dir, 'node'),
    licensePath: path.join(dir, 'LICENSE'),
    version,
  };
  if (existsSync(runtime.nodePath) && existsSync(runtime.licensePath)) return runtime;

  await mkdir(runtimes, { recursive: true });
  const work = await mkdtemp(path.join(runtimes, '.download-'));
  try {
    const tarball = await npmPack(target, work, options.progress);
    options.progress.step(`unpacking ${name}`);
    const unpacked = path.join(work, 'unpacked');
    await mkdir(unpacked);
    await runToolOk('tar', ['-xzf', tarball, '-C', unpacked, 'package/bin/node', 'package/LICENSE']);
    const ready = path.join(work, 'runtime');
    await mkdir(ready);
    await rename(path.join(unpacked, 'package/bin/node'), path.join(ready, 'node'));
    await rename(path.join(unpacked, 'package/LICENSE'), path.join(ready, 'LICENSE'));
    await chmod(path.join(ready, 'node'), 0o755);
    try {
      await rename(ready, dir);
    } catch (error) {
      // Another hearth got there first with the same runtime: theirs is as good.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
    }
    return runtime;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * `npm pack NAME@VERSION` into `work`, showing its progress; checks the tarball's integrity. npm says
 * nothing of a download while it runs, so the progress is what its cache holds, against the size
 * pinned in TARGETS: it needs no Content-Length from the registry.
 */
async function npmPack(target: TargetArchInfo, work: string, progress: ProgressSink): Promise<string> {
  const { name, version, bytes, integrity } = target.runtime;
  // A cache of its own, so that what it holds is this download.
  const npmCache = path.join(work, 'npm-cache');
  const destination = path.join(work, 'pack');
  await mkdir(destination, { recursive: true });
  progress.step(`downloading ${name}@${version}`, { unit: 'bytes', total: bytes });
  const child = spawn(
    'npm',
    [
      'pack',
      `${name}@${version}`,
      '--pack-destination',
      destination,
      '--cache',
      npmCache,
      '--loglevel=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let downloading = true;
  const poll = setInterval(() => {
    folderBytes(npmCache).then(
      // A measure that lands after npm is done would count against the next step.
      (done) => downloading && progress.update(done),
      () => {},
    );
  }, POLL_MS);
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('npm is not on PATH: it fetches the Node runtime for the Pi')
          : error,
      ),
    );
    child.once('close', (status) => resolve(status ?? 1));
  }).finally(() => {
    downloading = false;
    clearInterval(poll);
  });
  if (code !== 0)
    throw new Error(`npm pack ${name}@${version} failed: ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
  const tarball = path.join(destination, `${name}-${version}.tgz`);
  const actual = `sha512-${createHash('sha512')
    .update(await readFile(tarball))
    .digest('base64')}`;
  if (actual !== integrity)
    throw new Error(
      `${name}@${version} from npm is not the tarball hearth was tested with (integrity ${actual})`,
    );
  return tarball;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
