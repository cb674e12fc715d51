import { describe, expect, it } from 'vitest';
import { OriginPolicy } from '../../../hub/api/origin-policy.ts';

const policy = (
  host: string,
  options: { scheme?: 'http' | 'https'; port?: number; allowed?: string[] } = {},
) =>
  new OriginPolicy({
    host,
    scheme: () => options.scheme ?? 'http',
    port: () => options.port ?? 8080,
    allowedOrigins: options.allowed ?? [],
    names: () => ['192.168.1.20', '[fd00::20]', 'hearth', 'hearth.local'],
  });

describe('origin policy', () => {
  it.each([
    ['127.0.0.1', 'http://127.0.0.1:8080', true],
    ['127.0.0.1', 'http://localhost:8080', true],
    ['127.0.0.1', 'http://[::1]:8080', true],
    ['127.0.0.1', 'http://localhost:8081', false],
    ['127.0.0.1', 'https://localhost:8080', false],
    ['127.0.0.1', 'http://192.168.1.20:8080', false],
    ['127.0.0.1', 'http://evil.example:8080', false],
    ['127.0.0.1', 'http://localhost:8080.evil.example', false],
    ['127.0.0.1', 'null', false],
    ['0.0.0.0', 'http://192.168.1.20:8080', true],
    ['0.0.0.0', 'http://[fd00::20]:8080', true],
    ['0.0.0.0', 'http://hearth.local:8080', true],
    ['0.0.0.0', 'http://localhost:8080', true],
    // A rebound DNS name sends its own name in Host and Origin alike: the request's Host proves nothing.
    ['0.0.0.0', 'http://rebound.evil.example:8080', false],
    ['192.168.1.20', 'http://192.168.1.20:8080', true],
    ['192.168.1.20', 'http://hearth:8080', true],
    ['192.168.1.20', 'http://localhost:8080', false],
  ])('listening on %s, %s is allowed: %s', (host, origin, allowed) => {
    expect(policy(host).allows(origin)).toBe(allowed);
  });

  it('lets clients that send no Origin (scripts, not browsers) through to authenticate', () => {
    expect(policy('0.0.0.0').allows(undefined)).toBe(true);
  });

  it('matches the allow-list exactly, as browsers serialize origins', () => {
    const p = policy('127.0.0.1', { allowed: ['https://Hub.Example.org/', 'http://10.0.0.5:3000'] });
    expect(p.allows('https://hub.example.org')).toBe(true);
    expect(p.allows('http://10.0.0.5:3000')).toBe(true);
    expect(p.allows('https://hub.example.org:8443')).toBe(false);
    expect(p.allows('http://hub.example.org')).toBe(false);
    expect(p.allows('https://sub.hub.example.org')).toBe(false);
  });

  it('names its own origin without a port on the scheme’s default port', () => {
    const p = policy('0.0.0.0', { scheme: 'https', port: 443 });
    expect(p.allows('https://hearth.local')).toBe(true);
    expect(p.allows('https://hearth.local:443')).toBe(true);
    expect(p.allows('http://hearth.local')).toBe(false);
  });
});
