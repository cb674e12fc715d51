import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The kinds of Raspberry Pi OS image the tests make: Bookworm (first boot through firstrun.sh),
 * Trixie with cloud-init (its user-data, network-config and meta-data templates on the boot
 * partition), and an image with neither systemd nor cloud-init.
 */
export type TestImageKind = 'bookworm' | 'trixie-cloud-init' | 'bare';

export interface TestImage {
  readonly path: string;
  readonly bootOffset: number;
  readonly rootOffset: number;
  /** The boot partition's cmdline.txt as made. */
  readonly cmdline: string;
  remove(): void;
}

const SECTOR = 512;
// As Raspberry Pi OS: the boot partition at 4 MiB. Smaller than its 512 MiB, to stay quick.
const BOOT_START = 8192;
const BOOT_SECTORS = 64 * 2048;
const ROOT_START = BOOT_START + BOOT_SECTORS;

const TOOLS = {
  sfdisk: 'fdisk',
  'mkfs.vfat': 'dosfstools',
  'mkfs.ext4': 'e2fsprogs',
  mcopy: 'mtools',
  debugfs: 'e2fsprogs',
};

/** Runs a tool of the image kit; a missing one fails with the package that brings it. */
export function tool(name: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync(name, args, {
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin`, MTOOLS_SKIP_CHECK: '1' },
      maxBuffer: 512 * 1024 * 1024,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const pkg = TOOLS[name as keyof typeof TOOLS] ?? name;
      throw new Error(`${name} is needed to build test images: apt-get install ${pkg}`);
    }
    throw error;
  }
}

/** An ELF header for /usr/bin/dpkg: 64-bit little-endian, e_machine as given (183 aarch64, 40 arm). */
function elfHeader(machine: number): Buffer {
  const header = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, machine === 40 ? 1 : 2, 1, 1]).copy(header);
  header.writeUInt16LE(3, 16); // ET_DYN
  header.writeUInt16LE(machine, 18);
  return header;
}

const BOOKWORM_CMDLINE =
  'console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 fsck.repair=yes rootwait quiet init=/usr/lib/raspberrypi-sys-mods/firstboot\n';
const TRIXIE_CMDLINE =
  'console=serial0,115200 console=tty1 root=PARTUUID=2c1a6f2e-02 rootfstype=ext4 fsck.repair=yes rootwait quiet splash plymouth.ignore-serial-consoles\n';
export const TRIXIE_USER_DATA = `#cloud-config
# This is the user-data configuration file for cloud-init. Uncomment what you need.
#
# hostname: raspberrypi
# users:
#   - name: pi
#     groups: users,adm,dialout,audio,netdev,video,plugdev,cdrom,games,input,gpio,spi,i2c,render,sudo
`;
const TRIXIE_NETWORK_CONFIG = `# This file contains a netplan-compatible configuration which cloud-init will apply on first boot.
#network:
#  version: 2
#  wifis:
#    wlan0:
#      access-points:
#        "my network":
#          password: "secret"
`;

/**
 * A sparse two-partition image laid out as Raspberry Pi OS is (FAT32 boot at 4 MiB, ext4 root after
 * it), with the files `hearth flash` looks at: cmdline.txt and config.txt, /etc/os-release,
 * /usr/bin/dpkg's ELF header, systemd, and for Trixie cloud-init and its boot templates.
 */
export function makeTestImage(
  kind: TestImageKind,
  options: { rootMegabytes?: number; elfMachine?: number } = {},
): TestImage {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-test-image-'));
  const image = path.join(dir, `${kind}.img`);
  const rootSectors = (options.rootMegabytes ?? 320) * 2048;
  writeFileSync(image, '');
  tool('truncate', ['-s', String((ROOT_START + rootSectors) * SECTOR), image]);
  tool(
    'sfdisk',
    ['-q', image],
    `label: dos\nstart=${BOOT_START}, size=${BOOT_SECTORS}, type=c\nstart=${ROOT_START}, type=83\n`,
  );

  const bootFs = path.join(dir, 'boot.fat');
  tool('truncate', ['-s', String(BOOT_SECTORS * SECTOR), bootFs]);
  tool('mkfs.vfat', ['-F', '32', '-h', String(BOOT_START), '-n', 'bootfs', bootFs]);
  const bootFiles = path.join(dir, 'boot');
  mkdirSync(bootFiles);
  const cmdline = kind === 'trixie-cloud-init' ? TRIXIE_CMDLINE : BOOKWORM_CMDLINE;
  writeFileSync(path.join(bootFiles, 'cmdline.txt'), cmdline);
  writeFileSync(path.join(bootFiles, 'config.txt'), 'dtparam=audio=on\ncamera_auto_detect=1\narm_64bit=1\n');
  if (kind === 'trixie-cloud-init') {
    writeFileSync(path.join(bootFiles, 'user-data'), TRIXIE_USER_DATA);
    writeFileSync(path.join(bootFiles, 'network-config'), TRIXIE_NETWORK_CONFIG);
    writeFileSync(path.join(bootFiles, 'meta-data'), 'instance-id: rpios-image\n');
  }
  tool('mcopy', [
    '-i',
    bootFs,
    ...tool('ls', ['-1', bootFiles])
      .toString()
      .trim()
      .split('\n')
      .map((f) => path.join(bootFiles, f)),
    '::/',
  ]);
  tool('dd', [
    `if=${bootFs}`,
    `of=${image}`,
    `bs=${SECTOR}`,
    `seek=${BOOT_START}`,
    'conv=notrunc,sparse',
    'status=none',
  ]);

  const root = path.join(dir, 'root');
  const put = (file: string, contents: string | Buffer, mode = 0o644) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), contents, { mode });
  };
  const codename = kind === 'trixie-cloud-init' ? 'trixie' : 'bookworm';
  const version = kind === 'trixie-cloud-init' ? '13' : '12';
  put(
    'etc/os-release',
    `PRETTY_NAME="Debian GNU/Linux ${version} (${codename})"\nID=debian\nVERSION_CODENAME=${codename}\n`,
  );
  put('etc/hostname', 'raspberrypi\n');
  put('etc/hosts', '127.0.0.1\tlocalhost\n127.0.1.1\traspberrypi\n');
  put('usr/bin/dpkg', elfHeader(options.elfMachine ?? 183), 0o755);
  mkdirSync(path.join(root, 'etc/systemd/system/multi-user.target.wants'), { recursive: true });
  if (kind !== 'bare') {
    put('usr/lib/systemd/systemd', '#!/bin/sh\n', 0o755);
    put('usr/lib/raspberrypi-sys-mods/imager_custom', '#!/bin/sh\n', 0o755);
  }
  if (kind === 'trixie-cloud-init') {
    put('usr/bin/cloud-init', '#!/usr/bin/python3\n', 0o755);
    put('etc/cloud/cloud.cfg', 'datasource_list: [ NoCloud, None ]\n');
  }
  tool('mkfs.ext4', [
    '-q',
    '-L',
    'rootfs',
    '-d',
    root,
    '-E',
    `offset=${ROOT_START * SECTOR}`,
    image,
    `${rootSectors / 2}k`,
  ]);
  rmSync(bootFs);
  return {
    path: image,
    bootOffset: BOOT_START * SECTOR,
    rootOffset: ROOT_START * SECTOR,
    cmdline,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A file of the boot partition, read with mtools; undefined if there is none. */
export function bootFile(image: TestImage, name: string): string | undefined {
  try {
    return tool('mtype', ['-i', `${image.path}@@${image.bootOffset}`, `::/${name}`]).toString();
  } catch {
    return undefined;
  }
}

/** `debugfs -R COMMAND` on the root partition. */
export function debugfs(image: TestImage, command: string): string {
  return tool('debugfs', ['-R', command, `${image.path}?offset=${image.rootOffset}`]).toString();
}

export interface RootInode {
  readonly type: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  /** A symlink's target. */
  readonly link?: string;
}

/** What `debugfs stat` says of a path in the root partition; undefined if there is nothing. */
export function rootInode(image: TestImage, file: string): RootInode | undefined {
  const text = debugfs(image, `stat "${file}"`);
  const type = text.match(/Type: (\w+)/)?.[1];
  if (!type) return undefined;
  return {
    type,
    mode: Number.parseInt(text.match(/Mode:\s+(\d+)/)?.[1] ?? 'NaN', 8),
    uid: Number(text.match(/User:\s+(\d+)/)?.[1]),
    gid: Number(text.match(/Group:\s+(\d+)/)?.[1]),
    size: Number(text.match(/Size: (\d+)/)?.[1]),
    ...(type === 'symlink' && { link: text.match(/Fast link dest: "([^"]*)"/)?.[1] }),
  };
}

/** A file of the root partition, copied out with debugfs. */
export function rootFile(image: TestImage, file: string): Buffer {
  return tool('debugfs', ['-R', `cat "${file}"`, `${image.path}?offset=${image.rootOffset}`]);
}
