import { BUNDLE_PATH, CONFIG_PATH, NODE_PATH } from './bridge-layout.ts';

/**
 * The bridge's systemd service. It runs as a throwaway user (DynamicUser) in the dialout group,
 * which owns the serial ports (/dev/ttyACM*, /dev/ttyUSB*), so no account has to be made on the Pi.
 * The config holds the broker's password and stays root's: systemd hands the service a copy
 * (LoadCredential; `%d` is the credentials folder, systemd ≥ 248, Raspberry Pi OS Bookworm has 252).
 */
export function systemdUnit(): string {
  return `[Unit]
Description=hearth bridge: serial microcontrollers as MQTT devices
After=network-online.target
Wants=network-online.target
ConditionPathExists=${CONFIG_PATH}

[Service]
ExecStart=${NODE_PATH} ${BUNDLE_PATH} --config %d/bridge.json
LoadCredential=bridge.json:${CONFIG_PATH}
DynamicUser=yes
SupplementaryGroups=dialout
NoNewPrivileges=yes
Restart=always
RestartSec=5

[Install]
WantedBy=multi-user.target
`;
}
