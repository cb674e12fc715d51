/** A source of uniform numbers in [0, 1); `Math.random` unless a test injects a seeded one. */
export type SimRandom = () => number;

export function between(random: SimRandom, min: number, max: number): number {
  return min + (max - min) * random();
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
