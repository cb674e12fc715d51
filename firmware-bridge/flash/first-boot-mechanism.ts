import type { Ext4Partition } from './ext4-partition.ts';

/**
 * How a Raspberry Pi OS image sets itself up on its first boot: Bookworm and the first Trixie
 * images run `firstrun.sh` through `systemd.run=` on the kernel command line; Trixie images from
 * October 2025 ship cloud-init, which reads `user-data`, `network-config` and `meta-data` from the
 * boot partition (its NoCloud datasource). Raspberry Pi Imager picks one from its OS list's
 * `init_format`; hearth reads it off the image itself.
 */
export type FirstBootMechanism = 'firstrun' | 'cloud-init';

export interface DetectedFirstBoot {
  readonly mechanism: FirstBootMechanism;
  /** What on the image told it, for the user. */
  readonly evidence: string;
}

/** The first-boot files on the image cannot be written as asked. */
export class FirstBootError extends Error {}

const CLOUD_INIT = '/usr/bin/cloud-init';
// firstrun.sh is run by systemd (systemd.run=); Imager's scripts call imager_custom when it is there.
const SYSTEMD = ['/usr/lib/systemd/systemd', '/lib/systemd/systemd'];

/** The mechanism the image's root partition supports, or undefined if it has neither. */
export async function detectFirstBoot(root: Ext4Partition): Promise<DetectedFirstBoot | undefined> {
  const missing = await root.missing([CLOUD_INIT, ...SYSTEMD]);
  if (!missing.has(CLOUD_INIT)) return { mechanism: 'cloud-init', evidence: `${CLOUD_INIT} is on the image` };
  const systemd = SYSTEMD.find((file) => !missing.has(file));
  if (systemd) return { mechanism: 'firstrun', evidence: `systemd and no cloud-init on the image` };
  return undefined;
}
