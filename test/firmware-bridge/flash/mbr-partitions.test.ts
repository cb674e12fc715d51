import { describe, expect, it } from 'vitest';
import { raspberryPiOsPartitions, readMbrPartitions } from '../../../firmware-bridge/flash/mbr-partitions.ts';

/** A first sector with these partition entries: [type, start sector, sectors]. */
function mbr(...entries: [number, number, number][]): Buffer {
  const sector = Buffer.alloc(512);
  entries.forEach(([type, start, sectors], index) => {
    const entry = 446 + index * 16;
    sector.writeUInt8(type, entry + 4);
    sector.writeUInt32LE(start, entry + 8);
    sector.writeUInt32LE(sectors, entry + 12);
  });
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

// Raspberry Pi OS Bookworm lite, arm64: boot 512 MiB at 4 MiB, root after it.
const RASPIOS = mbr([0x0c, 8192, 1048576], [0x83, 1056768, 4194304]);
const SIZE = (1056768 + 4194304) * 512;

describe('readMbrPartitions', () => {
  it('reads each used entry’s number, type, offset and size in bytes', () => {
    expect(readMbrPartitions(RASPIOS)).toEqual([
      { number: 1, type: 0x0c, offsetBytes: 4194304, sizeBytes: 536870912 },
      { number: 2, type: 0x83, offsetBytes: 541065216, sizeBytes: 2147483648 },
    ]);
  });

  it('refuses a sector without the MBR signature', () => {
    expect(() => readMbrPartitions(Buffer.alloc(512))).toThrow(/lacks the 0x55AA MBR signature/);
  });
});

describe('raspberryPiOsPartitions', () => {
  it('finds boot (FAT) and root (Linux)', () => {
    const { boot, root } = raspberryPiOsPartitions(RASPIOS, SIZE);
    expect(boot.offsetBytes).toBe(4194304);
    expect(root.offsetBytes).toBe(541065216);
  });

  it('accepts an SD card bigger than the image it was written from', () => {
    expect(() => raspberryPiOsPartitions(RASPIOS, 32e9)).not.toThrow();
  });

  it.each([
    ['GPT', mbr([0xee, 1, 100000]), /GPT partition table/],
    ['NOOBS', mbr([0x0e, 8192, 100], [0x05, 10000, 900000]), /extended partition .* NOOBS or PINN/],
    ['one partition', mbr([0x0c, 8192, 1048576]), /expected two partitions.*found 1: type 0x0c/],
    ['root first', mbr([0x83, 8192, 100], [0x0c, 9000, 100]), /partition 1 should be FAT .* type 0x83/],
    ['NTFS second', mbr([0x0c, 8192, 100], [0x07, 9000, 100]), /partition 2 should be Linux .* type 0x07/],
    ['a gap', mbr([0x0c, 8192, 100], [0, 0, 0], [0x83, 9000, 100]), /found 1: type 0x0c, 3: type 0x83/],
  ])('refuses %s, naming what it found', (_name, sector, message) => {
    expect(() => raspberryPiOsPartitions(sector, 1e12)).toThrow(message);
  });

  it('refuses a truncated image', () => {
    expect(() => raspberryPiOsPartitions(RASPIOS, SIZE - 512)).toThrow(
      /partition 2 ends at byte 2688548864, past the end of the image \(2688548352 bytes\)/,
    );
  });
});
