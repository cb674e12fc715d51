import { execFileSync } from 'node:child_process';
import { createHash, pbkdf2Sync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRSTRUN_KERNEL_ARGS } from '../../../firmware-bridge/flash/firstrun-script.ts';
import {
  ensureNodeRuntime,
  hearthCacheDir,
  type NodeRuntime,
} from '../../../firmware-bridge/pack/node-runtime.ts';
import { systemdUnit } from '../../../firmware-bridge/pack/systemd-unit.ts';
import { TARGETS } from '../../../firmware-bridge/pack/target-arch.ts';
import { NO_PROGRESS } from '../../../hub/cli/progress.ts';
import { runHearth } from '../run-hearth.ts';
import {
  bootFile,
  makeTestImage,
  rootFile,
  rootInode,
  type TestImage,
  TRIXIE_USER_DATA,
  tool,
} from './raspios-test-image.ts';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
// IEEE 802.11i's passphrase-to-PSK mapping, as wpa_passphrase computes it.
const psk = (password: string, ssid: string) => pbkdf2Sync(password, ssid, 4096, 32, 'sha1').toString('hex');
const WIFI = ['--wifi-ssid', 'Home "Net"', '--wifi-password', 'correct horse', '--wifi-country', 'gb'];

let runtime: NodeRuntime;
let work: string;
let configFile: string;
const BENCH = { path: '/dev/ttyUSB0', protocol: 'jsonl', id: 'bench' };

beforeAll(async () => {
  // The one slow part, kept in ~/.cache/hearth between runs: 53 MB from npm the first time.
  runtime = await ensureNodeRuntime(TARGETS.arm64, {
    cacheDir: hearthCacheDir(),
    progress: NO_PROGRESS,
  });
  work = mkdtempSync(path.join(tmpdir(), 'hearth-flash-test-'));
  configFile = path.join(work, 'bridge.json');
  writeFileSync(configFile, JSON.stringify({ mqttUrl: 'mqtt://overridden:1883', ports: [BENCH] }));
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('hearth flash onto a Bookworm image (first boot through firstrun.sh)', () => {
  let image: TestImage;
  let flashed: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    image = makeTestImage('bookworm');
    flashed = await runHearth([
      'flash',
      '--image',
      image.path,
      '--config',
      configFile,
      '--mqtt-url',
      'mqtt://hub.local:1883',
      '--hostname',
      'kitchen-pi',
      ...WIFI,
    ]);
  }, 200_000);

  afterAll(() => image?.remove());

  it('says what it wrote where', () => {
    expect(flashed.code).toBe(0);
    expect(flashed.stdout).toContain('Raspberry Pi OS (Debian GNU/Linux 12 (bookworm)), arm64');
    expect(flashed.stdout).toContain('/opt/hearth-bridge (Node 24.22.0), hearth-bridge.service enabled');
    expect(flashed.stdout).toContain('mqtt://hub.local:1883, /dev/ttyUSB0 (jsonl)');
    expect(flashed.stdout).toMatch(/first boot: host name kitchen-pi, Wi-Fi .* through firstrun\.sh/);
  });

  it('shows each step to done on stderr, in plain lines off a terminal', () => {
    const steps = [
      'reading the image',
      'bundling the bridge',
      'writing the root partition (N MB)',
      'writing the boot partition',
    ];
    expect(flashed.stderr.replace(/\d+\.\d (s|MB)/g, 'N $1')).toBe(
      [
        ...steps.flatMap((step) => [`hearth flash: ${step}…`, `hearth flash: ${step}: done in N s`]),
        'hearth flash: done in N s',
        '',
      ].join('\n'),
    );
  });

  it('puts the Node runtime, the bundle and serialport’s arm64 addon in /opt/hearth-bridge, owned by root', () => {
    const node = rootInode(image, '/opt/hearth-bridge/bin/node');
    expect(node).toMatchObject({ type: 'regular', mode: 0o755, uid: 0, gid: 0 });
    expect(sha256(rootFile(image, '/opt/hearth-bridge/bin/node'))).toBe(
      sha256(readFileSync(runtime.nodePath)),
    );
    expect(rootInode(image, '/opt/hearth-bridge/LICENSE.node')).toMatchObject({ mode: 0o644, uid: 0 });

    const bundle = rootFile(image, '/opt/hearth-bridge/lib/bridge.mjs').toString();
    expect(rootInode(image, '/opt/hearth-bridge/lib/bridge.mjs')).toMatchObject({ mode: 0o644, uid: 0 });
    expect(bundle).toContain('Usage: hearth bridge --port PATH');
    // In place of `hearth bridge pack`, a stub: the bundler itself stays off the Pi.
    expect(bundle).toContain('hearth bridge pack runs on a computer');
    expect(bundle).not.toContain('ESBUILD_BINARY_PATH');

    const addon = '/opt/hearth-bridge/prebuilds/linux-arm64/@serialport+bindings-cpp.armv8.glibc.node';
    const shipped = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@serialport/bindings-cpp/package.json')),
      'prebuilds/linux-arm64/@serialport+bindings-cpp.armv8.glibc.node',
    );
    expect(sha256(rootFile(image, addon))).toBe(sha256(readFileSync(shipped)));
  });

  it('enables the systemd service: the unit, and its link in multi-user.target.wants', () => {
    expect(rootInode(image, '/etc/systemd/system/hearth-bridge.service')).toMatchObject({
      mode: 0o644,
      uid: 0,
    });
    expect(rootFile(image, '/etc/systemd/system/hearth-bridge.service').toString()).toBe(systemdUnit());
    expect(
      rootInode(image, '/etc/systemd/system/multi-user.target.wants/hearth-bridge.service'),
    ).toMatchObject({
      type: 'symlink',
      uid: 0,
      link: '/etc/systemd/system/hearth-bridge.service',
    });
  });

  it('writes the config readable by root only, with the broker of --mqtt-url over the file’s', () => {
    expect(rootInode(image, '/etc/hearth-bridge/bridge.json')).toMatchObject({ mode: 0o600, uid: 0, gid: 0 });
    expect(JSON.parse(rootFile(image, '/etc/hearth-bridge/bridge.json').toString())).toEqual({
      mqttUrl: 'mqtt://hub.local:1883',
      ports: [BENCH],
    });
  });

  it('appends systemd.run to cmdline.txt, which stays one line', () => {
    const cmdline = bootFile(image, 'cmdline.txt');
    expect(cmdline).toBe(`${image.cmdline.trimEnd()} ${FIRSTRUN_KERNEL_ARGS}\n`);
  });

  it('writes firstrun.sh with the host name and the Wi-Fi PSK, as shell that parses', () => {
    const script = bootFile(image, 'firstrun.sh') ?? '';
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    expect(script).toContain('imager_custom set_hostname kitchen-pi\n');
    expect(script).toContain(
      `imager_custom set_wlan 'Home "Net"' '${psk('correct horse', 'Home "Net"')}' 'GB'\n`,
    );
    expect(script).not.toContain('correct horse');
    expect(script).toMatch(/rm -f \/boot\/firstrun\.sh.*\n.*\n.*sed -i 's\| systemd\.run\.\*\|\|g'/);
    expect(() => execFileSync('bash', ['-n'], { input: script })).not.toThrow();
  });

  it('writes no cloud-init files on an image without cloud-init', () => {
    for (const name of ['user-data', 'network-config', 'meta-data'])
      expect(bootFile(image, name)).toBeUndefined();
  });

  it('leaves a root filesystem that e2fsck finds clean', () => {
    expect(() => tool('e2fsck', ['-fn', `${image.path}?offset=${image.rootOffset}`])).not.toThrow();
  });

  it('flashed again, holds one set of first-boot settings, the last, and the new config', async () => {
    const again = await runHearth([
      'flash',
      '--image',
      image.path,
      '--mqtt-url',
      'mqtt://hub2.local:1883',
      '--hostname',
      'other-pi',
      '--quiet',
    ]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(
      'hearth flash: serial port: /dev/ttyACM0 (jsonl); put "ports" in --config for others\n',
    );
    const cmdline = bootFile(image, 'cmdline.txt') ?? '';
    expect(cmdline.split('systemd.run=')).toHaveLength(2);
    const script = bootFile(image, 'firstrun.sh') ?? '';
    expect(script).toContain('set_hostname other-pi');
    expect(script).not.toContain('kitchen-pi');
    expect(script).not.toContain('set_wlan');
    expect(JSON.parse(rootFile(image, '/etc/hearth-bridge/bridge.json').toString())).toEqual({
      mqttUrl: 'mqtt://hub2.local:1883',
      ports: [{ path: '/dev/ttyACM0', protocol: 'jsonl' }],
    });
    expect(() => tool('e2fsck', ['-fn', `${image.path}?offset=${image.rootOffset}`])).not.toThrow();
  }, 200_000);
});

describe('hearth flash onto a Trixie image with cloud-init', () => {
  let image: TestImage;
  let flashed: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    image = makeTestImage('trixie-cloud-init');
    flashed = await runHearth([
      'flash',
      '--image',
      image.path,
      '--mqtt-url',
      'mqtt://bridge:secret@hub.local:1883',
      '--hostname',
      'kitchen-pi',
      ...WIFI,
    ]);
  }, 200_000);

  afterAll(() => image?.remove());

  it('sets the host name in user-data, keeping the image’s own', () => {
    expect(flashed.code).toBe(0);
    expect(flashed.stdout).toContain('through cloud-init (/usr/bin/cloud-init is on the image)');
    // The password stays on the card.
    expect(flashed.stdout).not.toContain('secret');
    expect(bootFile(image, 'user-data')).toBe(
      `${TRIXIE_USER_DATA}# hearth flash: begin\nhostname: kitchen-pi\nmanage_etc_hosts: true\n# hearth flash: end\n`,
    );
  });

  it('sets the Wi-Fi in network-config, with the PSK and the regulatory domain', () => {
    expect(bootFile(image, 'network-config')).toBe(
      [
        '# Written by `hearth flash`.',
        'network:',
        '  version: 2',
        '  wifis:',
        '    wlan0:',
        '      dhcp4: true',
        '      regulatory-domain: "GB"',
        '      access-points:',
        '        "Home \\"Net\\"":',
        `          password: "${psk('correct horse', 'Home "Net"')}"`,
        '      optional: true',
        '',
      ].join('\n'),
    );
  });

  it('gives cloud-init a new instance-id, so it applies them on first boot', () => {
    expect(bootFile(image, 'meta-data')).toMatch(/^instance-id: hearth-\d+\n$/);
  });

  it('leaves cmdline.txt as it was, and writes no firstrun.sh', () => {
    expect(bootFile(image, 'cmdline.txt')).toBe(image.cmdline);
    expect(bootFile(image, 'firstrun.sh')).toBeUndefined();
  });

  it('installs the same bridge, with the broker credentials in its root-only config', () => {
    expect(rootInode(image, '/opt/hearth-bridge/bin/node')).toMatchObject({ mode: 0o755, uid: 0 });
    expect(rootInode(image, '/etc/systemd/system/multi-user.target.wants/hearth-bridge.service')?.type).toBe(
      'symlink',
    );
    expect(rootInode(image, '/etc/hearth-bridge/bridge.json')).toMatchObject({ mode: 0o600 });
    expect(JSON.parse(rootFile(image, '/etc/hearth-bridge/bridge.json').toString()).mqttUrl).toBe(
      'mqtt://bridge:secret@hub.local:1883',
    );
  });
});

describe('hearth flash refuses, saying why, before it writes anything', () => {
  const flash = (image: string, ...more: string[]) =>
    runHearth(['flash', '--image', image, '--mqtt-url', 'mqtt://hub.local:1883', ...more]);
  const untouched = (image: TestImage) => {
    expect(bootFile(image, 'firstrun.sh')).toBeUndefined();
    expect(rootInode(image, '/opt/hearth-bridge/bin/node')).toBeUndefined();
  };

  it('an image that is not there', async () => {
    const result = await flash(path.join(work, 'nowhere.img'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no such image or device: .*nowhere\.img/);
  });

  it('an image still compressed', async () => {
    const file = path.join(work, 'raspios.img.xz');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.alloc(4096)]),
    );
    const result = await flash(file);
    expect(result.stderr).toMatch(/is xz-compressed: decompress it first/);
  });

  it.each([
    ['no partition table', '', /no partition table/],
    ['a GPT', 'label: gpt\nsize=2048, type=L\n', /a GPT partition table: Raspberry Pi OS images use an MBR/],
    [
      'three partitions',
      'label: dos\nsize=2048, type=c\nsize=2048, type=83\nsize=2048, type=83\n',
      /expected two partitions, FAT then Linux.*found 1: type 0x0c, 2: type 0x83, 3: type 0x83/,
    ],
    ['Linux first', 'label: dos\nsize=2048, type=83\nsize=2048, type=c\n', /partition 1 should be FAT/],
  ])('a disk with %s', async (_name, layout, message) => {
    const file = path.join(work, 'layout.img');
    writeFileSync(file, '');
    tool('truncate', ['-s', '8M', file]);
    if (layout) tool('sfdisk', ['-q', file], layout);
    const result = await flash(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it('without mtools, naming the package', async () => {
    const image = makeTestImage('bookworm', { rootMegabytes: 16 });
    try {
      const result = await runHearth(['flash', '--image', image.path, '--mqtt-url', 'mqtt://h:1883'], {
        PATH: '/nonexistent',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/mtype, mcopy are not installed: apt-get install mtools/);
      untouched(image);
    } finally {
      image.remove();
    }
  });

  it('a host name for an image that has no first-boot mechanism', async () => {
    const image = makeTestImage('bare', { rootMegabytes: 16 });
    try {
      const result = await flash(image.path, '--hostname', 'kitchen-pi');
      expect(result.stderr).toMatch(/cannot tell how this image sets itself up on first boot/);
      untouched(image);
    } finally {
      image.remove();
    }
  });

  it('an image for another CPU', async () => {
    const image = makeTestImage('bookworm', { rootMegabytes: 16, elfMachine: 62 });
    try {
      const result = await flash(image.path);
      expect(result.stderr).toMatch(/the image is for another CPU \(ELF machine 62\)/);
      untouched(image);
    } finally {
      image.remove();
    }
  });

  it('a root partition too small for the bridge', async () => {
    const image = makeTestImage('bookworm', { rootMegabytes: 64 });
    try {
      const result = await flash(image.path, '--hostname', 'kitchen-pi');
      // The step's line ends, then the error says why, on a line of its own.
      expect(result.stderr).toMatch(
        /\nhearth flash: writing the root partition \(12\d\.\d MB\): failed\nhearth: .*: the root partition has \d+ MB free, the bridge needs 12\d MB\n$/,
      );
      untouched(image);
    } finally {
      image.remove();
    }
  }, 120_000);

  it('explains itself with --help', async () => {
    const help = await runHearth(['flash', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: hearth flash --image FILE (--mqtt-url URL | --config FILE)');
    expect((await runHearth(['--help'])).stdout).toMatch(
      /^ {2}flash {3}write the bridge onto a Raspberry Pi OS image/m,
    );
  });

  it.each([
    [[], /--image FILE is required/],
    [['--image', 'x.img'], /the bridge needs its broker: give --mqtt-url URL or --config FILE/],
    [
      ['--image', 'x.img', '--mqtt-url', 'http://hub'],
      /config\.mqttUrl: must look like mqtt:\/\/.*, got "http:\/\/hub"/,
    ],
    [
      ['--image', 'x.img', '--mqtt-url', 'mqtt://h:1883', '--hostname', 'kitchen_pi'],
      /--hostname must be 1–63/,
    ],
    [
      [
        '--image',
        'x.img',
        '--mqtt-url',
        'mqtt://h:1883',
        '--wifi-ssid',
        'Home',
        '--wifi-password',
        'long enough',
      ],
      /Wi-Fi needs --wifi-ssid, --wifi-password and --wifi-country together/,
    ],
  ])('usage %j: exit code 2 and one line', async (args, message) => {
    const result = await runHearth(['flash', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
