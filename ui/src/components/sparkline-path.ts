import type { Point } from '../store/sensor-history.ts';
import { DAY_SECONDS } from '../store/sensor-history.ts';

export const SPARKLINE_WIDTH = 240;
export const SPARKLINE_HEIGHT = 48;

/**
 * The SVG path of a sensor's last 24 hours — or less, from its first reading, when less has been
 * recorded — in a SPARKLINE_WIDTH × SPARKLINE_HEIGHT box; empty when there is no number to draw.
 * Each reading lasts until the next; gaps (unavailable) break the line. The time axis ends at the
 * later of `nowSeconds` and the last reading: the card refreshes its clock only every few minutes,
 * while readings keep arriving, and one past the axis's end would be drawn far outside the card.
 */
export function sparklinePath(points: readonly Point[], nowSeconds: number): string {
  const values = points.map(([, value]) => value).filter((value): value is number => value !== null);
  if (values.length === 0) return '';
  const to = Math.max(nowSeconds, points.at(-1)?.[0] ?? nowSeconds);
  const from = Math.max(to - DAY_SECONDS, points[0]?.[0] ?? 0);
  const duration = Math.max(to - from, 1);
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  const x = (seconds: number) =>
    ((Math.min(Math.max(seconds, from), to) - from) / duration) * SPARKLINE_WIDTH;
  // A reading that has not moved is a level line across the middle, not one along the floor.
  const y = (value: number) =>
    span === 0
      ? SPARKLINE_HEIGHT / 2
      : SPARKLINE_HEIGHT - 2 - ((value - min) / span) * (SPARKLINE_HEIGHT - 4);
  let path = '';
  points.forEach(([time, value], index) => {
    if (value === null) return;
    const end = points[index + 1]?.[0] ?? to;
    const moveTo = index === 0 || points[index - 1]?.[1] === null ? 'M' : 'L';
    path += `${moveTo}${x(time).toFixed(1)} ${y(value).toFixed(1)}H${x(end).toFixed(1)}`;
  });
  return path;
}
