import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../hub/broker/reconnect-backoff.ts';

const options = { minMs: 500, maxMs: 30_000 };
const middle = () => 0.5;

describe('reconnectDelayMs', () => {
  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [5, 16_000],
    [6, 30_000],
    [50, 30_000],
    [10_000, 30_000],
  ])('waits %i failed attempts → %i ms without jitter', (attempt, expected) => {
    expect(reconnectDelayMs(attempt, options, middle)).toBe(expected);
  });

  it('spreads each delay by ±20 %, never past the cap', () => {
    expect(reconnectDelayMs(2, options, () => 0)).toBe(1600);
    expect(reconnectDelayMs(2, options, () => 0.999_999)).toBe(2400);
    expect(reconnectDelayMs(9, options, () => 0.999_999)).toBe(30_000);
  });
});
