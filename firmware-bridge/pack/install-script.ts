import { CONFIG_PATH, NODE_PATH, UNIT_NAME, UNIT_PATH, UNIT_WANTS_LINK } from './bridge-layout.ts';
import type { PayloadFile } from './bridge-payload.ts';
import type { TargetArchInfo } from './target-arch.ts';

const octal = (mode: number) => mode.toString(8).padStart(4, '0');

/**
 * `install.sh` of a `hearth bridge pack` tarball, for a Pi that is already running: it copies the
 * same files to the same places as `hearth flash` does, enables the service and (re)starts it.
 * `DESTDIR=/path` installs into another root (a mounted image) without touching this machine's
 * systemd, and without the architecture check.
 */
export function installScript(target: TargetArchInfo, files: readonly PayloadFile[]): string {
  const hasConfig = files.some((file) => file.target === CONFIG_PATH);
  const installs = files
    .map(
      (file) =>
        `install -D -o root -g root -m ${octal(file.mode)} "$here/${file.packPath}" "$DESTDIR${file.target}"`,
    )
    .join('\n');
  return `#!/bin/sh
# Installs the hearth bridge (${target.arch}) on this Raspberry Pi: sudo ./install.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
DESTDIR=\${DESTDIR:-}

if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run it as root: sudo $0" >&2
  exit 1
fi
if [ -z "$DESTDIR" ]; then
  arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
  if [ "$arch" != "${target.debianArch}" ]; then
    echo "install.sh: this bridge is for ${target.debianArch} (Raspberry Pi OS ${target.arch === 'arm64' ? '64' : '32'}-bit), this system is $arch: use hearth bridge pack --arch ${target.arch === 'arm64' ? 'armv7' : 'arm64'}" >&2
    exit 1
  fi
  if ! "$here/bin/node" --version >/dev/null; then
    echo "install.sh: the bundled Node runtime does not run here" >&2
    exit 1
  fi
fi

${installs}

if [ ! -f "$DESTDIR${CONFIG_PATH}" ]; then
  echo "install.sh: no ${CONFIG_PATH}: write it (see the README, \\"Serial devices\\"), then: sudo systemctl start ${UNIT_NAME}" >&2
fi
if [ -n "$DESTDIR" ]; then
  mkdir -p "$DESTDIR$(dirname ${UNIT_WANTS_LINK})"
  ln -sf ${UNIT_PATH} "$DESTDIR${UNIT_WANTS_LINK}"
  echo "hearth bridge installed in $DESTDIR"
  exit 0
fi
systemctl daemon-reload
systemctl enable ${UNIT_NAME}
${hasConfig ? `systemctl restart ${UNIT_NAME}` : `[ -f ${CONFIG_PATH} ] && systemctl restart ${UNIT_NAME}`}
echo "hearth bridge installed: $(${NODE_PATH} --version), systemctl status ${UNIT_NAME}"
`;
}
