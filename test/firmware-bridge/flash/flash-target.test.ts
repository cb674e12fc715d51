import { describe, expect, it } from 'vitest';
import { mountedFrom } from '../../../firmware-bridge/flash/flash-target.ts';

// /proc/self/mountinfo with a card's boot partition (8:17, /dev/sdb1) mounted by a desktop.
const MOUNTINFO = `22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw
531 27 8:17 / /media/ada/boot\\040fs rw,nosuid,nodev,relatime shared:290 - vfat /dev/sdb1 rw,fmask=0022
`;

describe('mountedFrom', () => {
  it('finds a mounted partition of the card, with where it is mounted', () => {
    expect(mountedFrom(new Set(['8:16', '8:17', '8:18']), MOUNTINFO)).toEqual({
      source: '/dev/sdb1',
      mountPoint: '/media/ada/boot fs',
    });
  });

  it('finds nothing for a card none of whose partitions is mounted', () => {
    expect(mountedFrom(new Set(['8:32', '8:33', '8:34']), MOUNTINFO)).toBeUndefined();
  });
});
