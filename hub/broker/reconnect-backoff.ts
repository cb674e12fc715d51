export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  minMs: number;
  /** The cap, in ms. */
  maxMs: number;
}

/**
 * The delay before reconnect attempt `attempt` (0 = the first retry): `minMs` doubled per failed
 * attempt, capped at `maxMs`, with ±20 % jitter so that many hubs (or a hub and its bridges) that
 * lost one broker together do not all knock at the same instant when it comes back.
 */
export function reconnectDelayMs(attempt: number, options: BackoffOptions, random: () => number): number {
  const base = Math.min(options.maxMs, options.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(Math.min(options.maxMs, base * (0.8 + 0.4 * random())));
}
