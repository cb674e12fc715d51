import { describe, expect, it } from 'vitest';
import { isLoopback, LoginThrottle, normalizeAddress } from '../../../hub/auth/login-throttle.ts';
import { silentLogger } from '../../../hub/core/logger.ts';

function throttle(options: Partial<ConstructorParameters<typeof LoginThrottle>[0]> = {}) {
  let now = 1_000_000;
  const warnings: string[] = [];
  const t = new LoginThrottle(
    { banAfterFailures: 6, failureWindowMs: 15 * 60_000, banMs: 60 * 60_000, banLoopback: false, ...options },
    { now: () => now },
    { ...silentLogger, warn: (m) => warnings.push(m) },
  );
  return {
    t,
    warnings,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('login throttle', () => {
  it('lets the first three failures through, then makes each attempt wait twice as long', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 3; i++) {
      expect(t.check('10.0.0.5')).toEqual({ allowed: true });
      t.failed('10.0.0.5');
    }
    expect(t.check('10.0.0.5')).toEqual({ allowed: false, banned: false, retryAfterMs: 1000 });
    advance(1000);
    expect(t.check('10.0.0.5').allowed).toBe(true);
    t.failed('10.0.0.5');
    expect(t.check('10.0.0.5')).toEqual({ allowed: false, banned: false, retryAfterMs: 2000 });
    // Another address is not affected.
    expect(t.check('10.0.0.6').allowed).toBe(true);
  });

  it('bans an address after banAfterFailures failures, for banMs, then forgets it', () => {
    const { t, advance, warnings } = throttle();
    let banned = false;
    for (let i = 0; i < 6; i++) {
      advance(60_000);
      banned = t.failed('10.0.0.5');
    }
    expect(banned).toBe(true);
    expect(t.isBanned('10.0.0.5')).toBe(true);
    expect(t.check('10.0.0.5')).toEqual({ allowed: false, banned: true, retryAfterMs: 60 * 60_000 });
    expect(warnings).toEqual(['auth: 10.0.0.5 banned for 60 min after 6 failed logins']);
    // A correct password during the ban does not lift it.
    t.succeeded('10.0.0.5');
    expect(t.isBanned('10.0.0.5')).toBe(true);
    advance(60 * 60_000);
    expect(t.isBanned('10.0.0.5')).toBe(false);
    expect(t.check('10.0.0.5')).toEqual({ allowed: true });
  });

  it('only slows loopback down, unless told to ban it too', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 20; i++) {
      advance(60_000);
      expect(t.failed('127.0.0.1')).toBe(false);
    }
    expect(t.isBanned('127.0.0.1')).toBe(false);
    expect(t.check('127.0.0.1')).toEqual({ allowed: false, banned: false, retryAfterMs: 30_000 });

    const strict = throttle({ banLoopback: true });
    for (let i = 0; i < 6; i++) strict.t.failed('::1');
    expect(strict.t.isBanned('::1')).toBe(true);
  });

  it('never bans when banAfterFailures is 0', () => {
    const { t } = throttle({ banAfterFailures: 0 });
    for (let i = 0; i < 50; i++) t.failed('10.0.0.5');
    expect(t.isBanned('10.0.0.5')).toBe(false);
  });

  it('forgives the failures after a success, and after a window without one', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 4; i++) t.failed('10.0.0.5');
    t.succeeded('10.0.0.5');
    expect(t.check('10.0.0.5').allowed).toBe(true);
    for (let i = 0; i < 4; i++) t.failed('10.0.0.7');
    advance(15 * 60_000 + 1);
    expect(t.check('10.0.0.7').allowed).toBe(true);
    t.failed('10.0.0.7');
    expect(t.check('10.0.0.7').allowed).toBe(true);
  });

  it('counts an IPv4 address the same on an IPv4 and an IPv6 socket', () => {
    const { t } = throttle();
    for (let i = 0; i < 6; i++) t.failed(i % 2 ? '::ffff:10.0.0.5' : '10.0.0.5');
    expect(t.isBanned('10.0.0.5')).toBe(true);
    expect(normalizeAddress('::ffff:10.0.0.5')).toBe('10.0.0.5');
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('127.9.8.7')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('10.0.0.1')).toBe(false);
    expect(isLoopback('::ffff:1.2.3.4')).toBe(false);
  });

  it('remembers at most 10,000 addresses', () => {
    const { t } = throttle({ banAfterFailures: 1 });
    for (let i = 0; i < 10_001; i++) t.failed(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    // The first was evicted to make room for the last.
    expect(t.isBanned('10.0.0.0')).toBe(false);
    expect(t.isBanned('10.0.39.16')).toBe(true);
  });
});
