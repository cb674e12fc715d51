import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeRuntime, hearthCacheDir } from '../../../firmware-bridge/pack/node-runtime.ts';
import { systemdUnit } from '../../../firmware-bridge/pack/systemd-unit.ts';
import { TARGETS } from '../../../firmware-bridge/pack/target-arch.ts';
import { NO_PROGRESS } from '../../../hub/cli/progress.ts';
import { runHearth } from '../run-hearth.ts';

// qemu-user and Debian's cross runtimes stand in for the Pi's CPU and libraries.
const EMULATORS = {
  arm64: { qemu: 'qemu-aarch64-static', root: '/usr/aarch64-linux-gnu', loader: 'lib/ld-linux-aarch64.so.1' },
  armv7: { qemu: 'qemu-arm-static', root: '/usr/arm-linux-gnueabihf', loader: 'lib/libatomic.so.1' },
};
const INSTALL_HINT =
  'apt-get install qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libc6-armhf-cross libstdc++6-armhf-cross libatomic1-armhf-cross';

const mode = (file: string) => statSync(file).mode & 0o7777;
let work: string;

beforeAll(async () => {
  for (const { qemu, root, loader } of Object.values(EMULATORS)) {
    if (!existsSync(`/usr/bin/${qemu}`) || !existsSync(`${root}/${loader}`))
      throw new Error(`running the packed bridge needs qemu and the Pi's libraries: ${INSTALL_HINT}`);
  }
  // The slow part, kept in ~/.cache/hearth between runs: 53 + 37 MB from npm the first time.
  const quiet = { cacheDir: hearthCacheDir(), progress: NO_PROGRESS };
  await ensureNodeRuntime(TARGETS.arm64, quiet);
  await ensureNodeRuntime(TARGETS.armv7, quiet);
  work = mkdtempSync(path.join(tmpdir(), 'hearth-pack-test-'));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Unpacks a tarball and runs its install.sh into a folder standing for the Pi's root. */
function unpackAndInstall(tarball: string, name: string): { unpacked: string; root: string; said: string } {
  const unpacked = path.join(work, name);
  const root = path.join(work, `${name}-root`);
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
  const said = execFileSync('sh', [path.join(unpacked, 'hearth-bridge/install.sh')], {
    env: { ...process.env, DESTDIR: root },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
  return { unpacked, root, said };
}

/** The installed Node runtime, run under qemu as on the Pi; its stdout. */
function installedNode(arch: keyof typeof EMULATORS, root: string, ...args: string[]): string {
  const { qemu, root: libs } = EMULATORS[arch];
  return execFileSync(qemu, ['-L', libs, `${root}/opt/hearth-bridge/bin/node`, ...args]).toString();
}

describe('hearth bridge pack', () => {
  it('packs the arm64 bridge with its config, and install.sh puts each file where flash does', async () => {
    const tarball = path.join(work, 'bridge-arm64.tar.gz');
    const packed = await runHearth([
      'bridge',
      'pack',
      '--arch',
      'arm64',
      '--out',
      tarball,
      '--mqtt-url',
      'mqtt://hub.local:1883',
    ]);
    expect(packed.code).toBe(0);
    // The runtime is in the cache: no download, and each step to done.
    expect(packed.stderr).not.toContain('\r');
    expect(packed.stderr).toMatch(
      new RegExp(
        [
          '(^|\\n)hearth bridge pack: bundling the bridge…',
          'hearth bridge pack: bundling the bridge: done in \\d+\\.\\d s',
          'hearth bridge pack: packing bridge-arm64\\.tar\\.gz \\(12\\d\\.\\d MB\\)…',
          '(hearth bridge pack: packing bridge-arm64\\.tar\\.gz +\\d+%  .*\\n)*hearth bridge pack: packing bridge-arm64\\.tar\\.gz: done, 12\\d\\.\\d MB in \\d+\\.\\d s',
          'hearth bridge pack: done in \\d+\\.\\d s\\n$',
        ].join('\\n'),
      ),
    );
    expect(packed.stdout).toMatch(
      /^packed the hearth bridge for arm64 \(Node 24\.22\.0\) into .*, \d+\.\d MB\n/,
    );
    expect(packed.stdout).toContain(
      'on the Pi: tar -xzf bridge-arm64.tar.gz && sudo ./hearth-bridge/install.sh',
    );
    expect(existsSync(`${tarball}.partial`)).toBe(false);

    const listed = execFileSync('tar', ['-tzf', tarball])
      .toString()
      .split('\n')
      .filter((f) => f !== '' && !f.endsWith('/'));
    expect(listed.sort()).toEqual(
      [
        'hearth-bridge/LICENSE.node',
        'hearth-bridge/bin/node',
        'hearth-bridge/bridge.json',
        'hearth-bridge/hearth-bridge.service',
        'hearth-bridge/install.sh',
        'hearth-bridge/lib/bridge.mjs',
        'hearth-bridge/prebuilds/linux-arm64/@serialport+bindings-cpp.armv8.glibc.node',
      ].sort(),
    );

    const { unpacked, root } = unpackAndInstall(tarball, 'arm64');
    expect(mode(`${unpacked}/hearth-bridge/bridge.json`)).toBe(0o600);
    expect(mode(`${root}/opt/hearth-bridge/bin/node`)).toBe(0o755);
    expect(mode(`${root}/opt/hearth-bridge/lib/bridge.mjs`)).toBe(0o644);
    expect(mode(`${root}/etc/hearth-bridge/bridge.json`)).toBe(0o600);
    expect(JSON.parse(readFileSync(`${root}/etc/hearth-bridge/bridge.json`, 'utf8'))).toEqual({
      mqttUrl: 'mqtt://hub.local:1883',
      ports: [{ path: '/dev/ttyACM0', protocol: 'jsonl' }],
    });
    expect(readFileSync(`${root}/etc/systemd/system/hearth-bridge.service`, 'utf8')).toBe(systemdUnit());
    const link = `${root}/etc/systemd/system/multi-user.target.wants/hearth-bridge.service`;
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('/etc/systemd/system/hearth-bridge.service');

    // systemd itself reads the unit (Debian 12's is Bookworm's, 252), pointed at the installed files.
    const unit = path.join(work, 'hearth-bridge.service');
    writeFileSync(
      unit,
      systemdUnit().replaceAll(' /', ` ${root}/`).replaceAll('=/', `=${root}/`).replaceAll(':/', `:${root}/`),
    );
    const verify = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    expect(verify.error).toBeUndefined();
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);

    expect(installedNode('arm64', root, `${root}/opt/hearth-bridge/lib/bridge.mjs`, '--help')).toContain(
      'Usage: hearth bridge --port PATH',
    );
  }, 200_000);

  it('packs the armv7 bridge without a config, and install.sh keeps the Pi’s and says so, quietly', async () => {
    const tarball = path.join(work, 'bridge-armv7.tgz');
    const packed = await runHearth(['bridge', 'pack', '--arch', 'armv7', '--out', tarball, '--quiet']);
    expect(packed.code).toBe(0);
    // --quiet: the note alone, no progress.
    expect(packed.stderr).toBe(
      "hearth bridge pack: no config in the pack: install.sh keeps the Pi's /etc/hearth-bridge/bridge.json\n",
    );
    expect(execFileSync('tar', ['-tzf', tarball]).toString()).toContain(
      'hearth-bridge/prebuilds/linux-arm/@serialport+bindings-cpp.armv7.glibc.node',
    );

    const { root } = unpackAndInstall(tarball, 'armv7');
    expect(existsSync(`${root}/etc/hearth-bridge/bridge.json`)).toBe(false);
    expect(
      existsSync(`${root}/opt/hearth-bridge/prebuilds/linux-arm/@serialport+bindings-cpp.armv7.glibc.node`),
    ).toBe(true);
    expect(installedNode('armv7', root, '-p', 'process.arch + " " + process.version').trim()).toBe(
      'arm v20.11.0',
    );
    expect(installedNode('armv7', root, `${root}/opt/hearth-bridge/lib/bridge.mjs`, '--help')).toContain(
      'Usage: hearth bridge --port PATH',
    );
  }, 200_000);

  it('is what `hearth bridge pack --help` says, in a line of `hearth bridge --help`', async () => {
    expect((await runHearth(['bridge', '--help'])).stdout).toContain('hearth bridge pack --arch arm64|armv7');
    const help = await runHearth(['bridge', 'pack', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: hearth bridge pack --arch arm64|armv7 --out FILE.tar.gz');
  });

  it.each([
    [['--out', 'x.tar.gz'], /--arch is required: arm64 or armv7/],
    [['--arch', 'x86', '--out', 'x.tar.gz'], /--arch must be arm64 or armv7, got "x86"/],
    [['--arch', 'arm64'], /--out FILE.tar.gz is required/],
    [['--arch', 'arm64', '--out', 'x.zip'], /--out must end in .tar.gz, got "x.zip"/],
    [['--arch', 'arm64', '--out', 'x.tar.gz', '--mqtt-url', 'http://x'], /config\.mqttUrl: must look like/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const result = await runHearth(['bridge', 'pack', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
