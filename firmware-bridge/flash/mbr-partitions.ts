/** A primary partition of an MBR ("DOS") partition table. */
export interface MbrPartition {
  /** 1..4, as Linux numbers them (`/dev/sdb1`). */
  readonly number: number;
  /** The system id byte: 0x0c FAT32 (LBA), 0x83 Linux, … */
  readonly type: number;
  readonly offsetBytes: number;
  readonly sizeBytes: number;
}

export interface RaspberryPiOsPartitions {
  /** FAT: the firmware, the kernel, config.txt, cmdline.txt, first-boot files. */
  readonly boot: MbrPartition;
  /** ext4: the system. */
  readonly root: MbrPartition;
}

/** The image or card is not laid out like Raspberry Pi OS. */
export class PartitionLayoutError extends Error {}

// Raspberry Pi OS images and SD cards use 512-byte logical sectors.
const SECTOR_BYTES = 512;
const TABLE_OFFSET = 446;
const ENTRY_BYTES = 16;
const FAT_TYPES = new Set([0x04, 0x06, 0x0b, 0x0c, 0x0e]);
const LINUX_TYPE = 0x83;
const GPT_PROTECTIVE = 0xee;
const EXTENDED_TYPES = new Set([0x05, 0x0f, 0x85]);

const hex = (type: number) => `0x${type.toString(16).padStart(2, '0')}`;

/** The used entries of the MBR in the first sector: each one's type, offset and size. */
export function readMbrPartitions(sector: Buffer): MbrPartition[] {
  if (sector.length < SECTOR_BYTES || sector[510] !== 0x55 || sector[511] !== 0xaa)
    throw new PartitionLayoutError('no partition table (the first sector lacks the 0x55AA MBR signature)');
  const partitions: MbrPartition[] = [];
  for (let index = 0; index < 4; index++) {
    const entry = TABLE_OFFSET + index * ENTRY_BYTES;
    const type = sector.readUInt8(entry + 4);
    const start = sector.readUInt32LE(entry + 8);
    const sectors = sector.readUInt32LE(entry + 12);
    if (type === 0 || sectors === 0) continue;
    partitions.push({
      number: index + 1,
      type,
      offsetBytes: start * SECTOR_BYTES,
      sizeBytes: sectors * SECTOR_BYTES,
    });
  }
  return partitions;
}

/**
 * The boot and root partitions, checked to be laid out as Raspberry Pi OS lays them out: the
 * first a FAT partition, the second a Linux one, nothing else, and both inside the image.
 */
export function raspberryPiOsPartitions(sector: Buffer, imageBytes: number): RaspberryPiOsPartitions {
  const partitions = readMbrPartitions(sector);
  const describe = partitions.map((p) => `${p.number}: type ${hex(p.type)}`).join(', ') || 'none';
  if (partitions.some((p) => p.type === GPT_PROTECTIVE))
    throw new PartitionLayoutError('a GPT partition table: Raspberry Pi OS images use an MBR (DOS) one');
  if (partitions.some((p) => EXTENDED_TYPES.has(p.type)))
    throw new PartitionLayoutError(
      `an extended partition (${describe}): NOOBS or PINN cards are not supported`,
    );
  const [boot, root, ...more] = partitions;
  if (!boot || !root || more.length > 0 || boot.number !== 1 || root.number !== 2)
    throw new PartitionLayoutError(
      `expected two partitions, FAT then Linux, as Raspberry Pi OS has; found ${describe}`,
    );
  if (!FAT_TYPES.has(boot.type))
    throw new PartitionLayoutError(
      `partition 1 should be FAT (the boot partition), it is type ${hex(boot.type)}`,
    );
  if (root.type !== LINUX_TYPE)
    throw new PartitionLayoutError(`partition 2 should be Linux (type 0x83), it is type ${hex(root.type)}`);
  for (const p of [boot, root]) {
    if (p.offsetBytes + p.sizeBytes > imageBytes)
      throw new PartitionLayoutError(
        `partition ${p.number} ends at byte ${p.offsetBytes + p.sizeBytes}, past the end of the image (${imageBytes} bytes): is the image truncated?`,
      );
  }
  return { boot, root };
}
