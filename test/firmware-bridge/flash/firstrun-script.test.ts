import { describe, expect, it } from 'vitest';
import {
  cmdlineWithFirstrun,
  FIRSTRUN_KERNEL_ARGS,
  firstrunScript,
} from '../../../firmware-bridge/flash/firstrun-script.ts';

// As Raspberry Pi Imager writes it for a user and SSH (rpi-imager, customization_generator.cpp).
const IMAGER_SCRIPT = `#!/bin/sh

set +e

FIRSTUSER=$(getent passwd 1000 | cut -d: -f1)
if [ -f /usr/lib/userconf-pi/userconf ]; then
   /usr/lib/userconf-pi/userconf 'ada' '$5$hash'
fi
rm -f /boot/firstrun.sh
sed -i 's| systemd.run.*||g' /boot/cmdline.txt
exit 0
`;
const WIFI = { ssid: "Joe's", psk: 'ab'.repeat(32), country: 'DE' };

describe('firstrunScript', () => {
  it('writes a whole script that sets the host name, then removes itself and its systemd.run', () => {
    const script = firstrunScript(undefined, { hostname: 'kitchen-pi' });
    expect(script).toMatch(/^#!\/bin\/bash\n/);
    expect(script).toContain('/usr/lib/raspberrypi-sys-mods/imager_custom set_hostname kitchen-pi\n');
    expect(script).toMatch(/rm -f \/boot\/firstrun\.sh \/boot\/firmware\/firstrun\.sh\n/);
    expect(script).toContain(`sed -i 's| systemd.run.*||g' "$cmdline"`);
    expect(script.trimEnd().endsWith('exit 0')).toBe(true);
  });

  it('quotes the SSID for the shell and writes the PSK, with the country', () => {
    const script = firstrunScript(undefined, { wifi: WIFI });
    expect(script).toContain(`imager_custom set_wlan 'Joe'"'"'s' '${WIFI.psk}' 'DE'\n`);
    expect(script).toContain(`\tssid="Joe's"\n\tpsk=${WIFI.psk}\n`);
  });

  it('replaces its own part on a second flash, and nothing else', () => {
    const first = firstrunScript(undefined, { hostname: 'one', wifi: WIFI });
    const second = firstrunScript(first, { hostname: 'two' });
    expect(second).toBe(firstrunScript(undefined, { hostname: 'two' }));
  });

  it('goes into Raspberry Pi Imager’s script before its clean-up, so both run', () => {
    const merged = firstrunScript(IMAGER_SCRIPT, { hostname: 'kitchen-pi' });
    expect(merged.startsWith(IMAGER_SCRIPT.slice(0, IMAGER_SCRIPT.indexOf('rm -f')))).toBe(true);
    expect(merged.indexOf('userconf')).toBeLessThan(merged.indexOf('set_hostname kitchen-pi'));
    expect(merged.indexOf('set_hostname kitchen-pi')).toBeLessThan(merged.indexOf('rm -f /boot/firstrun.sh'));
    expect(merged.endsWith('exit 0\n')).toBe(true);
    expect(firstrunScript(merged, { hostname: 'other' })).toBe(
      firstrunScript(IMAGER_SCRIPT, { hostname: 'other' }),
    );
  });

  it('leaves a script of someone else’s alone', () => {
    expect(() => firstrunScript('#!/bin/sh\necho hi\n', { hostname: 'x' })).toThrow(
      /a firstrun.sh that neither Raspberry Pi Imager nor hearth wrote/,
    );
  });
});

describe('cmdlineWithFirstrun', () => {
  const line = 'console=serial0,115200 root=PARTUUID=4e639091-02 rootwait quiet';

  it.each([
    ['ending in a newline', `${line}\n`],
    ['without a newline', line],
    ['ending in CRLF', `${line}\r\n`],
  ])('appends the arguments to a line %s, keeping one line', (_name, cmdline) => {
    expect(cmdlineWithFirstrun(cmdline)).toBe(`${line} ${FIRSTRUN_KERNEL_ARGS}\n`);
  });

  it('appends them once', () => {
    const once = cmdlineWithFirstrun(line);
    expect(cmdlineWithFirstrun(once)).toBe(once);
  });

  it('keeps Imager’s when it is there already', () => {
    const imager = `${line} systemd.run=/boot/firstrun.sh systemd.run_success_action=reboot systemd.unit=kernel-command-line.target`;
    expect(cmdlineWithFirstrun(imager)).toBe(`${imager}\n`);
  });

  it.each([
    ['two lines', `${line}\nsecond line\n`, /more than one line/],
    ['another program', `${line} systemd.run=/boot/other.sh`, /already runs another first-boot program/],
  ])('refuses %s', (_name, cmdline, message) => {
    expect(() => cmdlineWithFirstrun(cmdline)).toThrow(message);
  });
});
