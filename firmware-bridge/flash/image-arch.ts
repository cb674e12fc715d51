import { TARGETS, type TargetArch } from '../pack/target-arch.ts';
import type { Ext4Partition } from './ext4-partition.ts';

// Every Debian system has dpkg; its ELF header says which CPU the image's programs are built for.
const PROBE = '/usr/bin/dpkg';
const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
const E_MACHINE_OFFSET = 18;

/** The CPU an image is for, from the ELF header of one of its programs. */
export function archOfElf(header: Buffer): TargetArch | number | undefined {
  if (header.length < E_MACHINE_OFFSET + 2 || !header.subarray(0, 4).equals(ELF_MAGIC)) return undefined;
  // e_ident[EI_DATA] = 1: little-endian, as every Raspberry Pi OS is.
  const machine = header.readUInt16LE(E_MACHINE_OFFSET);
  return Object.values(TARGETS).find((target) => target.elfMachine === machine)?.arch ?? machine;
}

/** arm64 for 64-bit Raspberry Pi OS, armv7 for 32-bit; an error for anything else. */
export async function imageArch(root: Ext4Partition): Promise<TargetArch> {
  const dpkg = await root.read(PROBE);
  const arch = dpkg && archOfElf(dpkg);
  if (typeof arch === 'string') return arch;
  if (typeof arch === 'number')
    throw new Error(`the image is for another CPU (ELF machine ${arch}): Raspberry Pi OS is arm64 or armhf`);
  throw new Error(
    `cannot tell the image's CPU: ${PROBE} is missing or not a program. Is this Raspberry Pi OS?`,
  );
}
