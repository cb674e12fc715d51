import { constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';

/** `--image` cannot be flashed, for a reason the user can fix. */
export class FlashTargetError extends Error {}

export interface FlashTarget {
  readonly path: string;
  /** A card's device file rather than an image file. */
  readonly isDevice: boolean;
  readonly sizeBytes: number;
  /** The MBR. */
  readonly firstSector: Buffer;
}

const COMPRESSED: readonly [string, Buffer][] = [
  ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])],
  ['zip', Buffer.from('PK\x03\x04', 'latin1')],
  ['gzip', Buffer.from([0x1f, 0x8b])],
];

/**
 * The image file or card to write to, checked before anything is written: it exists, is not
 * compressed, is writable, and, for a card, is the whole card and not in use (no partition of it
 * mounted, nobody holding it open exclusively).
 */
export async function openFlashTarget(file: string): Promise<FlashTarget> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new FlashTargetError(`no such image or device: ${file}`);
    throw error;
  }
  const isDevice = info.isBlockDevice();
  if (!isDevice && !info.isFile())
    throw new FlashTargetError(`${file} is neither an image file nor a card's device file`);
  let sizeBytes = info.size;
  if (isDevice) {
    const sys = `/sys/dev/block/${deviceNumber(info.rdev)}`;
    if (existsSync(`${sys}/partition`))
      throw new FlashTargetError(`${file} is a partition: give the whole card (e.g. /dev/sdb, /dev/mmcblk0)`);
    const inUse = mountedFrom(diskAndPartitions(sys), readFileSync('/proc/self/mountinfo', 'utf8'));
    if (inUse)
      throw new FlashTargetError(
        `${file} is in use: ${inUse.source} is mounted on ${inUse.mountPoint}; unmount it first (udisksctl unmount -b ${inUse.source})`,
      );
    sizeBytes = Number(readFileSync(`${sys}/size`, 'utf8')) * 512;
  }
  try {
    await access(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new FlashTargetError(
      `cannot write ${file}: permission denied${isDevice ? ' (run hearth flash with sudo)' : ''}`,
    );
  }
  const firstSector = Buffer.alloc(512);
  // O_EXCL on a block device fails with EBUSY while the kernel or a program holds it (mounted, in
  // use by another writer): the only way to tell a device in use from one that is not.
  const handle = await open(
    file,
    isDevice ? constants.O_RDONLY | constants.O_EXCL : constants.O_RDONLY,
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EBUSY') throw new FlashTargetError(`${file} is in use by another program`);
    throw error;
  });
  try {
    await handle.read(firstSector, 0, 512, 0);
  } finally {
    await handle.close();
  }
  for (const [kind, magic] of COMPRESSED) {
    if (firstSector.subarray(0, magic.length).equals(magic))
      throw new FlashTargetError(
        `${file} is ${kind}-compressed: decompress it first (Raspberry Pi OS comes as .img.xz: unxz FILE.img.xz)`,
      );
  }
  return { path: file, isDevice, sizeBytes, firstSector };
}

/** Makes sure what was written to a card is on the card, not in the page cache, before it is pulled out. */
export async function syncFlashTarget(target: FlashTarget): Promise<void> {
  const handle = await open(target.path, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** `major:minor` of a device number, as sysfs and mountinfo write it. */
function deviceNumber(rdev: number): string {
  // glibc's gnu_dev_major/gnu_dev_minor.
  const major = ((rdev >>> 8) & 0xfff) | (Math.floor(rdev / 2 ** 32) & ~0xfff);
  const minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xff);
  return `${major}:${minor}`;
}

/** The device numbers (`major:minor`) of the disk at `sysDir` and of its partitions. */
function diskAndPartitions(sysDir: string): Set<string> {
  const numbers = new Set([readFileSync(`${sysDir}/dev`, 'utf8').trim()]);
  for (const entry of readdirSync(sysDir)) {
    if (existsSync(`${sysDir}/${entry}/partition`))
      numbers.add(readFileSync(`${sysDir}/${entry}/dev`, 'utf8').trim());
  }
  return numbers;
}

/** The first filesystem in `/proc/self/mountinfo` mounted from one of these devices. */
export function mountedFrom(
  devices: ReadonlySet<string>,
  mountinfo: string,
): { source: string; mountPoint: string } | undefined {
  for (const line of mountinfo.split('\n')) {
    // id parent major:minor root mount-point options [optional fields] - fstype source super-options
    const fields = line.split(' ');
    const separator = fields.indexOf('-');
    if (fields[2] && devices.has(fields[2]) && separator > 0)
      return {
        source: fields[separator + 2] ?? fields[2],
        mountPoint: (fields[4] ?? '?').replace(/\\040/g, ' '),
      };
  }
  return undefined;
}
