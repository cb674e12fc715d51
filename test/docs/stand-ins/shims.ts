import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Commands of the README that reach outside this machine, or would change it, and what stands in
 * for each: small scripts put first on the PATH of the shell that runs the README's lines, so that
 * each line runs as written. `mosquitto_pub`, `curl`, `unxz`, `tar` and `systemd-analyze` are real.
 */
export function writeShims(bin: string, repo: string): void {
  mkdirSync(bin, { recursive: true });
  const npm = execFileSync('sh', ['-c', 'command -v npm']).toString().trim();
  const shims: Record<string, string> = {
    // `npx hearth` in a checkout runs the checkout's bin; the lines run in a temp folder, where npx
    // would look for a package named hearth on the registry instead. (The test checks that npx
    // itself finds it in the checkout.)
    npx: `[ "$1" = hearth ] || { echo "npx stand-in: only npx hearth" >&2; exit 1; }
shift; exec node "${repo}hub/cli/hearth.js" "$@"`,
    // `npm install` is what made this checkout's node_modules; other npm commands run in the checkout.
    npm: `if [ "$1" = install ]; then test -d "${repo}node_modules/.bin" && exit 0; echo "npm install: no node_modules" >&2; exit 1; fi
cd "${repo}" && exec ${npm} "$@"`,
    // The test runs as root where the README says sudo; every target below is a temp file.
    sudo: 'exec "$@"',
    // The unit goes to $HOME/NAME.service, not /etc/systemd/system (see the test's rewrites):
    // daemon-reload and enable --now check it as systemd would load it.
    systemctl: `case "$1" in
  daemon-reload) for unit in "$HOME"/*.service; do systemd-analyze verify "$unit" || exit 1; done ;;
  enable) [ "$2" = --now ] && shift; exec systemd-analyze verify "$HOME/$2.service" ;;
  *) echo "systemctl stand-in: $*" >&2; exit 1 ;;
esac`,
    // -f follows the journal forever: check instead that the unit's output goes to the journal.
    journalctl: `[ "$1" = -u ] || exit 1
unit="$HOME/$2.service"; test -f "$unit" || { echo "no unit $unit" >&2; exit 1; }
! grep -q '^Standard\\(Output\\|Error\\)=' "$unit"`,
    // The Pi: $HOME/pi is pi's home, $HOME/pi-root its root (install.sh's own DESTDIR option).
    scp: `mkdir -p "$HOME/pi" && exec cp "$1" "$HOME/pi/"`,
    ssh: `mkdir -p "$HOME/pi" "$HOME/pi-root" && cd "$HOME/pi" && DESTDIR="$HOME/pi-root" exec sh -c "$2"`,
    docker: `exec "${repo}node_modules/.bin/tsx" "${repo}test/docs/stand-ins/docker.ts" "$@"`,
  };
  for (const [name, body] of Object.entries(shims)) {
    const file = path.join(bin, name);
    writeFileSync(file, `#!/bin/sh\n# README stand-in, see test/docs/stand-ins/shims.ts\n${body}\n`);
    chmodSync(file, 0o755);
  }
}
