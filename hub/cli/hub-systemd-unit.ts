import path from 'node:path';
import { CliError } from './cli-error.ts';

export interface HubUnitOptions {
  /** The account the hub runs as; it owns the data folder. */
  user: string;
  /** Absolute. */
  dataDir: string;
  /** Absolute paths of node and of `hearth.js`. */
  node: string;
  hearth: string;
}

/** Where systemd keeps a service's state: `StateDirectory=` creates it and gives it to `User=`. */
const STATE_ROOT = '/var/lib/';

/**
 * The hub's systemd service (systemd.service(5), systemd.exec(5)). It restarts on a crash, not on
 * `systemctl stop` (Restart=on-failure); stops with SIGTERM, which the hub answers gracefully within
 * a few seconds (README, Stopping); may open serial ports (dialout owns /dev/ttyACM*, /dev/ttyUSB*);
 * and is hardened: no privilege gain, a read-only system except its data folder, no kernel tunables,
 * modules or logs. Not MemoryDenyWriteExecute: V8's JIT writes code.
 */
export function hubSystemdUnit(options: HubUnitOptions): string {
  const { user, dataDir, node, hearth } = options;
  if (!/^[a-z_][a-z0-9_-]*\$?$/i.test(user) || user.length > 32)
    throw new CliError(`--user must be a user name (letters, digits, _ and -), got "${user}"`);
  for (const [what, value] of [
    ['--data', dataDir],
    ['node', node],
    ['hearth', hearth],
  ] as const) {
    // Spaces, quotes, `%` (a systemd specifier) and `\` would each need their own quoting in a unit.
    if (!path.isAbsolute(value) || !/^[\w/.+@:,-]+$/.test(value))
      throw new CliError(
        `${what} must be an absolute path of letters, digits and / . _ - + @ : , for a systemd unit, got "${value}"`,
      );
  }
  const stateDirectory = dataDir.startsWith(STATE_ROOT) ? dataDir.slice(STATE_ROOT.length) : undefined;
  return `[Unit]
Description=hearth: smart-home hub (MQTT devices, web panel)
After=network-online.target
Wants=network-online.target

[Service]
Type=exec
User=${user}
SupplementaryGroups=dialout
ExecStart=${node} ${hearth} start --data ${dataDir}
${stateDirectory ? `StateDirectory=${stateDirectory}\nStateDirectoryMode=0700` : `ReadWritePaths=${dataDir}`}
WorkingDirectory=${dataDir}
Restart=on-failure
RestartSec=5
TimeoutStopSec=30
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=read-only
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
UMask=0077

[Install]
WantedBy=multi-user.target
`;
}
