import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

describe('security headers', () => {
  let hub: TestHub;

  beforeAll(async () => {
    ensurePanelBuilt();
    hub = await startTestHub();
  });
  afterAll(() => hub?.stop());

  const STRICT = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };

  it.each([
    ['GET', '/', 200],
    ['GET', '/settings', 200],
    ['GET', '/api/health', 200],
    ['GET', '/api/states', 401],
    ['GET', '/api/nothing-here', 404],
    ['GET', '/favicon.svg', 200],
    ['GET', '/no-such-file.js', 404],
    ['GET', '/auth/token', 405],
    ['POST', '/api/services/light/turn_on', 401],
    ['GET', '/api/onboarding', 200],
  ])('%s %s answers %i with every security header', async (method, path, status) => {
    const response = await fetch(`${hub.httpUrl}${path}`, { method });
    expect(response.status).toBe(status);
    for (const [name, value] of Object.entries(STRICT)) expect(response.headers.get(name)).toBe(value);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('gives the panel a policy that loads scripts and connects only to the hub itself', async () => {
    const csp = (await fetch(`${hub.httpUrl}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });

  it('gives API answers a policy that loads nothing, and no caching', async () => {
    const response = await fetch(`${hub.httpUrl}/api/states`, {
      headers: { Authorization: `Bearer ${hub.token}` },
    });
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
