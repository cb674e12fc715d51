import { describe, expect, it } from 'vitest';
import { firstBootSettings, wpaPsk } from '../../../firmware-bridge/flash/first-boot-settings.ts';

describe('wpaPsk', () => {
  it('derives the PSK of IEEE 802.11i’s test vector', () => {
    // IEEE 802.11i-2004, annex H.4: passphrase "password", SSID "IEEE".
    expect(wpaPsk('password', 'IEEE')).toBe(
      'f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e',
    );
  });

  it('takes a 64-hex-digit password as the PSK itself', () => {
    expect(wpaPsk('AB'.repeat(32), 'any')).toBe('ab'.repeat(32));
  });
});

describe('firstBootSettings', () => {
  it('is empty without first-boot flags', () => {
    expect(firstBootSettings({})).toEqual({});
  });

  it('lower-cases the host name and the country, and never keeps the passphrase', () => {
    const settings = firstBootSettings({
      hostname: 'Kitchen-Pi',
      'wifi-ssid': 'IEEE',
      'wifi-password': 'password',
      'wifi-country': 'gb',
    });
    expect(settings).toEqual({
      hostname: 'kitchen-pi',
      wifi: { ssid: 'IEEE', psk: wpaPsk('password', 'IEEE'), country: 'GB' },
    });
  });

  it.each([
    [{ hostname: '-pi' }, /--hostname must be 1–63 letters, digits and hyphens/],
    [{ hostname: 'a'.repeat(64) }, /--hostname must be/],
    [
      { 'wifi-ssid': 'x'.repeat(33), 'wifi-password': 'password', 'wifi-country': 'GB' },
      /--wifi-ssid must be 1–32 bytes/,
    ],
    [
      { 'wifi-ssid': 'a\nb', 'wifi-password': 'password', 'wifi-country': 'GB' },
      /--wifi-ssid must not hold control/,
    ],
    [
      { 'wifi-ssid': 'Home', 'wifi-password': 'short', 'wifi-country': 'GB' },
      /--wifi-password must be 8–63 printable/,
    ],
    [
      { 'wifi-ssid': 'Home', 'wifi-password': 'password', 'wifi-country': 'GBR' },
      /--wifi-country must be a two-letter/,
    ],
    [
      { 'wifi-ssid': 'Home', 'wifi-password': 'password' },
      /--wifi-ssid Wi-Fi needs .* --wifi-country together/,
    ],
  ])('refuses %j', (flags, message) => {
    expect(() => firstBootSettings(flags)).toThrow(message);
  });
});
