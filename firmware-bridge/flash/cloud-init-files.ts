import { FirstBootError } from './first-boot-mechanism.ts';
import type { FirstBootSettings } from './first-boot-settings.ts';

const BEGIN = '# hearth flash: begin';
const END = '# hearth flash: end';
const WRITTEN_BY = '# Written by `hearth flash`.';

/** A JSON string is a YAML double-quoted scalar: safe for any SSID. */
const yamlString = (value: string) => JSON.stringify(value);

/** Lines that say something: not blank, not a comment. */
const activeLines = (text: string) =>
  text.split('\n').filter((line) => line.trim() !== '' && !/^\s*#/.test(line));

/**
 * cloud-init's files for the boot partition, as Raspberry Pi Imager writes them for a cloud-init
 * image (rpi-imager, src/customization_generator.cpp): the host name in `user-data`, Wi-Fi in
 * `network-config` (netplan v2, the PSK never the passphrase), and a fresh `instance-id` in
 * `meta-data`, so cloud-init takes the card for a new machine and applies them.
 * Only the files with something to say are returned.
 */
export function cloudInitFiles(
  existing: { userData?: string | undefined; networkConfig?: string | undefined },
  settings: FirstBootSettings,
  now: number,
): Record<string, string> {
  const files: Record<string, string> = {};
  if (settings.hostname !== undefined) files['user-data'] = userData(existing.userData, settings.hostname);
  if (settings.wifi !== undefined)
    files['network-config'] = networkConfig(existing.networkConfig, settings.wifi);
  if (Object.keys(files).length > 0) files['meta-data'] = `instance-id: hearth-${now}\n`;
  return files;
}

/**
 * `user-data` with the host name. The image's own (Raspberry Pi OS ships a commented one) or
 * Imager's (a user, SSH keys) is kept, and hearth's keys added at the end, between markers that a
 * second `hearth flash` replaces; a file that sets the host name already is not overridden.
 */
function userData(existing: string | undefined, hostname: string): string {
  let text = existing ?? '';
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin >= 0 && end > begin) text = text.slice(0, begin) + text.slice(end + END.length + 1);
  const firstLine = text.split('\n').find((line) => line.trim() !== '');
  if (firstLine?.trim() !== '#cloud-config') {
    if (activeLines(text).length > 0)
      throw new FirstBootError(
        'user-data on the boot partition is not a #cloud-config file: remove it first',
      );
    text = `#cloud-config\n${text}`;
  }
  const taken = activeLines(text).find((line) => /^(hostname|fqdn|manage_etc_hosts)\s*:/.test(line));
  if (taken)
    throw new FirstBootError(
      `user-data on the boot partition sets "${taken.trim()}" already: set the host name there, or leave out --hostname`,
    );
  if (!text.endsWith('\n')) text += '\n';
  return `${text}${BEGIN}\nhostname: ${hostname}\nmanage_etc_hosts: true\n${END}\n`;
}

/**
 * `network-config` with the Wi-Fi network. It is one netplan document, so it is written whole: over
 * the image's commented template or a previous `hearth flash`'s, not over a network setup of the user's.
 */
function networkConfig(existing: string | undefined, wifi: NonNullable<FirstBootSettings['wifi']>): string {
  if (existing !== undefined && !existing.startsWith(WRITTEN_BY) && activeLines(existing).length > 0)
    throw new FirstBootError(
      'network-config on the boot partition sets up the network already: add the Wi-Fi there, or leave out --wifi-ssid',
    );
  return [
    WRITTEN_BY,
    'network:',
    '  version: 2',
    '  wifis:',
    '    wlan0:',
    '      dhcp4: true',
    `      regulatory-domain: ${yamlString(wifi.country)}`,
    '      access-points:',
    `        ${yamlString(wifi.ssid)}:`,
    `          password: ${yamlString(wifi.psk)}`,
    '      optional: true',
    '',
  ].join('\n');
}
