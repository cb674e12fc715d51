import { FirstBootError } from './first-boot-mechanism.ts';
import type { FirstBootSettings } from './first-boot-settings.ts';

/**
 * What Raspberry Pi Imager appends to cmdline.txt for a Bookworm image (rpi-imager,
 * src/downloadthread.cpp, `_initFormat == "systemd"`): systemd runs the script in place of the
 * normal boot, then reboots.
 */
export const FIRSTRUN_KERNEL_ARGS =
  'systemd.run=/boot/firstrun.sh systemd.run_success_action=reboot systemd.unit=kernel-command-line.target';

const BEGIN = '# hearth flash: begin';
const END = '# hearth flash: end';
// Imager's scripts end by removing themselves (rpi-imager, src/customization_generator.cpp).
const IMAGER_CLEANUP = /^rm -f \/boot\/firstrun\.sh/m;

/** POSIX shell single quotes, as Imager's shellQuote. */
const shellQuote = (value: string) => `'${value.replaceAll("'", `'"'"'`)}'`;

/** The commands for these settings, between markers, so a second `hearth flash` replaces them. */
function firstrunBlock(settings: FirstBootSettings): string {
  const lines = [BEGIN];
  const { hostname, wifi } = settings;
  if (hostname !== undefined) {
    // imager_custom (raspberrypi-sys-mods) is on every Bookworm image; the rest is for older ones.
    lines.push(
      'CURRENT_HOSTNAME=$(tr -d " \\t\\n\\r" </etc/hostname)',
      'if [ -f /usr/lib/raspberrypi-sys-mods/imager_custom ]; then',
      `   /usr/lib/raspberrypi-sys-mods/imager_custom set_hostname ${hostname}`,
      'else',
      `   echo ${hostname} >/etc/hostname`,
      `   sed -i "s/127.0.1.1.*$CURRENT_HOSTNAME/127.0.1.1\\t${hostname}/g" /etc/hosts`,
      'fi',
    );
  }
  if (wifi !== undefined) {
    const escapedSsid = wifi.ssid.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
    lines.push(
      'if [ -f /usr/lib/raspberrypi-sys-mods/imager_custom ]; then',
      `   /usr/lib/raspberrypi-sys-mods/imager_custom set_wlan ${shellQuote(wifi.ssid)} ${shellQuote(wifi.psk)} ${shellQuote(wifi.country)}`,
      'else',
      "cat >/etc/wpa_supplicant/wpa_supplicant.conf <<'WPAEOF'",
      `country=${wifi.country}`,
      'ctrl_interface=DIR=/var/run/wpa_supplicant GROUP=netdev',
      'ap_scan=1',
      'update_config=1',
      'network={',
      `\tssid="${escapedSsid}"`,
      `\tpsk=${wifi.psk}`,
      '}',
      'WPAEOF',
      '   chmod 600 /etc/wpa_supplicant/wpa_supplicant.conf',
      '   rfkill unblock wifi',
      '   for filename in /var/lib/systemd/rfkill/*:wlan ; do',
      '       echo 0 > $filename',
      '   done',
      'fi',
    );
  }
  lines.push(END);
  return `${lines.join('\n')}\n`;
}

/**
 * `firstrun.sh` for the boot partition. With none there, a whole script that removes itself (and
 * its `systemd.run=`) once done. With one from a previous `hearth flash`, its hearth part is
 * replaced. With one from Raspberry Pi Imager (a user, SSH keys), hearth's part goes in before its
 * clean-up, so both run. Anything else is left alone: a FirstBootError.
 */
export function firstrunScript(existing: string | undefined, settings: FirstBootSettings): string {
  const block = firstrunBlock(settings);
  if (existing === undefined) {
    return [
      '#!/bin/bash',
      '# Written by `hearth flash`: first-boot settings, run once through systemd.run= in cmdline.txt.',
      '',
      'set +e',
      '',
      block,
      'rm -f /boot/firstrun.sh /boot/firmware/firstrun.sh',
      'for cmdline in /boot/firmware/cmdline.txt /boot/cmdline.txt; do',
      `   [ -f "$cmdline" ] && sed -i 's| systemd.run.*||g' "$cmdline"`,
      'done',
      'exit 0',
      '',
    ].join('\n');
  }
  const begin = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  if (begin >= 0 && end > begin)
    return existing.slice(0, begin) + block + existing.slice(end + END.length + 1);
  const cleanup = existing.search(IMAGER_CLEANUP);
  if (cleanup >= 0) return existing.slice(0, cleanup) + block + existing.slice(cleanup);
  throw new FirstBootError(
    'the boot partition has a firstrun.sh that neither Raspberry Pi Imager nor hearth wrote: remove it, or set the hostname and Wi-Fi in it yourself',
  );
}

/** cmdline.txt with the firstrun arguments appended, once; still one line (the firmware reads only the first). */
export function cmdlineWithFirstrun(cmdline: string): string {
  const line = cmdline.replace(/[\r\n]+$/, '');
  if (/[\r\n]/.test(line))
    throw new FirstBootError('cmdline.txt has more than one line; the Pi reads only the first');
  if (/ systemd\.run=\/boot\/(firmware\/)?firstrun\.sh( |$)/.test(line)) return `${line}\n`;
  if (line.includes('systemd.run='))
    throw new FirstBootError(
      'cmdline.txt already runs another first-boot program (systemd.run=); remove it first',
    );
  return `${line} ${FIRSTRUN_KERNEL_ARGS}\n`;
}
