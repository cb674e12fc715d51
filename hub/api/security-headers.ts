import type { ServerResponse } from 'node:http';

/**
 * Headers on every HTTP response, set before any route runs: no MIME sniffing, no framing
 * (clickjacking), no referrer leaks, a window and resources of its own, and a
 * Content-Security-Policy that lets a JSON answer load nothing at all. The panel's pages replace
 * that policy with their own (static-files.ts).
 *
 * No `Strict-Transport-Security`: a hub on a home network is often reached by IP address with a
 * self-signed certificate, and a pinned HSTS policy would lock people out the day TLS is turned off.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()',
  'X-Permitted-Cross-Domain-Policies': 'none',
};

export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
