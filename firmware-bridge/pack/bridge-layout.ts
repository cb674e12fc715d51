/** Where the bridge lives on the Pi, the same whether `hearth flash` or `install.sh` put it there. */
export const INSTALL_DIR = '/opt/hearth-bridge';
export const NODE_PATH = `${INSTALL_DIR}/bin/node`;
export const BUNDLE_PATH = `${INSTALL_DIR}/lib/bridge.mjs`;
/** The bridge's config: broker address and credentials, serial ports. Readable by root only. */
export const CONFIG_PATH = '/etc/hearth-bridge/bridge.json';
export const UNIT_NAME = 'hearth-bridge.service';
export const UNIT_PATH = `/etc/systemd/system/${UNIT_NAME}`;
/** What `systemctl enable` makes for a unit `WantedBy=multi-user.target`. */
export const UNIT_WANTS_LINK = `/etc/systemd/system/multi-user.target.wants/${UNIT_NAME}`;
