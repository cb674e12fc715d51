import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';

export interface LoginThrottleOptions {
  /** Failed logins from one address, none more than `failureWindowMs` apart, that get it banned; 0: never. */
  banAfterFailures: number;
  /** Failures are forgotten once none has come for this long, in ms. */
  failureWindowMs: number;
  /** How long a ban lasts, in ms. */
  banMs: number;
  /** Whether loopback addresses can be banned; when not, they are only slowed down. */
  banLoopback: boolean;
}

export type Verdict = { allowed: true } | { allowed: false; banned: boolean; retryAfterMs: number };

interface Record {
  failures: number;
  lastFailureAt: number;
  bannedUntil: number;
}

/** The first failures cost nothing: everyone mistypes a password. */
const FREE_FAILURES = 3;
const MAX_DELAY_MS = 30_000;
/** Addresses remembered at most; the oldest go first, so a spray of addresses cannot exhaust memory. */
const MAX_ADDRESSES = 10_000;

/**
 * Failed logins per address: after three, each further attempt waits twice as long as the one
 * before (1 s, 2 s, 4 s… up to 30 s); after `banAfterFailures`, the address is banned from the
 * whole hub for `banMs` — as Home Assistant's `ip_ban`, but temporary and on by default. Loopback
 * is never banned unless told, so a mistyped password on the hub's own machine cannot lock its
 * owner out; it is still slowed down.
 */
export class LoginThrottle {
  private readonly records = new Map<string, Record>();

  constructor(
    private readonly options: LoginThrottleOptions,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly log?: Logger,
  ) {}

  /** Whether a login attempt from `address` may be checked now. */
  check(address: string): Verdict {
    const record = this.current(normalizeAddress(address));
    if (!record) return { allowed: true };
    const now = this.clock.now();
    if (record.bannedUntil > now)
      return { allowed: false, banned: true, retryAfterMs: record.bannedUntil - now };
    const wait = record.lastFailureAt + delayAfter(record.failures) - now;
    return wait > 0 ? { allowed: false, banned: false, retryAfterMs: wait } : { allowed: true };
  }

  isBanned(address: string): boolean {
    const record = this.current(normalizeAddress(address));
    return record !== undefined && record.bannedUntil > this.clock.now();
  }

  /** A failed login from `address`; true when it got the address banned. */
  failed(address: string): boolean {
    const key = normalizeAddress(address);
    const now = this.clock.now();
    let record = this.current(key);
    if (!record) {
      if (this.records.size >= MAX_ADDRESSES) this.records.delete(this.records.keys().next().value as string);
      record = { failures: 0, lastFailureAt: now, bannedUntil: 0 };
    }
    // Re-inserted, so the map stays ordered by last activity and eviction takes the stalest.
    this.records.delete(key);
    this.records.set(key, record);
    record.failures += 1;
    record.lastFailureAt = now;
    const { banAfterFailures, banMs, banLoopback } = this.options;
    if (banAfterFailures > 0 && record.failures >= banAfterFailures && (banLoopback || !isLoopback(key))) {
      record.bannedUntil = now + banMs;
      this.log?.warn(
        `auth: ${key} banned for ${Math.round(banMs / 60_000)} min after ${record.failures} failed logins`,
      );
      return true;
    }
    return false;
  }

  /** A successful login forgives the address its failures. */
  succeeded(address: string): void {
    const key = normalizeAddress(address);
    const record = this.current(key);
    if (record && record.bannedUntil <= this.clock.now()) this.records.delete(key);
  }

  /** The address's record, unless it has run out: failures outside the window, ban over. */
  private current(key: string): Record | undefined {
    const record = this.records.get(key);
    if (!record) return undefined;
    const now = this.clock.now();
    if (record.bannedUntil > now) return record;
    if (now - record.lastFailureAt > this.options.failureWindowMs) {
      this.records.delete(key);
      return undefined;
    }
    if (record.bannedUntil !== 0) {
      // A ban served wipes the slate; the next failure starts a new count.
      this.records.delete(key);
      return undefined;
    }
    return record;
  }
}

function delayAfter(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_FAILURES));
}

/** `::ffff:10.0.0.5` is 10.0.0.5: one address, one record, whichever socket family it came in on. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export function isLoopback(address: string): boolean {
  const normalized = normalizeAddress(address);
  return normalized === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normalized);
}
