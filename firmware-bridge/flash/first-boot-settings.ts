import { pbkdf2Sync } from 'node:crypto';
import { z } from 'zod';
import { CliError } from '../../hub/cli/cli-error.ts';

/** What the Pi sets up on its first boot, besides the bridge (which is on the card already). */
export interface FirstBootSettings {
  readonly hostname?: string;
  readonly wifi?: {
    readonly ssid: string;
    /** WPA-PSK as 64 hex digits, never the passphrase itself, as Raspberry Pi Imager writes it. */
    readonly psk: string;
    /** ISO 3166 country code: Raspberry Pi OS keeps Wi-Fi off until the regulatory domain is set. */
    readonly country: string;
  };
}

const flagsSchema = z
  .object({
    // RFC 1123: one DNS label.
    hostname: z
      .string()
      .regex(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/, {
        error: 'must be 1–63 letters, digits and hyphens, not starting or ending with a hyphen',
      })
      .optional(),
    'wifi-ssid': z
      .string()
      .refine((ssid) => Buffer.byteLength(ssid) >= 1 && Buffer.byteLength(ssid) <= 32, {
        error: 'must be 1–32 bytes',
      })
      .refine((ssid) => !/[\p{Cc}]/u.test(ssid), { error: 'must not hold control characters' })
      .optional(),
    // IEEE 802.11i: a passphrase of 8–63 printable ASCII characters, or the PSK as 64 hex digits.
    'wifi-password': z
      .string()
      .regex(/^([\x20-\x7e]{8,63}|[0-9a-fA-F]{64})$/, {
        error: 'must be 8–63 printable ASCII characters (or the 64-hex-digit PSK)',
      })
      .optional(),
    'wifi-country': z
      .string()
      .regex(/^[a-zA-Z]{2}$/, { error: 'must be a two-letter country code, e.g. GB, DE, US' })
      .optional(),
  })
  .superRefine((flags, context) => {
    const wifi = [flags['wifi-ssid'], flags['wifi-password'], flags['wifi-country']];
    if (wifi.some((value) => value !== undefined) && wifi.some((value) => value === undefined))
      context.addIssue({
        code: 'custom',
        path: ['wifi-ssid'],
        message:
          'Wi-Fi needs --wifi-ssid, --wifi-password and --wifi-country together (Raspberry Pi OS keeps Wi-Fi off until its country is set)',
      });
  });

/** The first-boot flags of `hearth flash`, checked; a CliError names the flag. */
export function firstBootSettings(flags: {
  hostname?: string | undefined;
  'wifi-ssid'?: string | undefined;
  'wifi-password'?: string | undefined;
  'wifi-country'?: string | undefined;
}): FirstBootSettings {
  const parsed = flagsSchema.safeParse(flags);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = issue?.path[0];
    throw new CliError(
      flag === undefined ? (issue?.message ?? 'invalid') : `--${String(flag)} ${issue?.message}`,
    );
  }
  const { hostname, 'wifi-ssid': ssid, 'wifi-password': password, 'wifi-country': country } = parsed.data;
  return {
    ...(hostname !== undefined && { hostname: hostname.toLowerCase() }),
    ...(ssid !== undefined &&
      password !== undefined &&
      country !== undefined && {
        wifi: { ssid, psk: wpaPsk(password, ssid), country: country.toUpperCase() },
      }),
  };
}

export function hasFirstBootSettings(settings: FirstBootSettings): boolean {
  return settings.hostname !== undefined || settings.wifi !== undefined;
}

/** IEEE 802.11i's passphrase-to-PSK mapping: PBKDF2-HMAC-SHA1, the SSID as salt, 4096 rounds, 256 bits. */
export function wpaPsk(password: string, ssid: string): string {
  if (/^[0-9a-fA-F]{64}$/.test(password)) return password.toLowerCase();
  return pbkdf2Sync(password, ssid, 4096, 32, 'sha1').toString('hex');
}
