import type { Point } from '../store/sensor-history.ts';
import { DAY_SECONDS } from '../store/sensor-history.ts';

const WIDTH = 240;
const HEIGHT = 48;

/**
 * The last 24 hours of a sensor as a line, drawn in SVG (uPlot waits for the full chart, loaded
 * only when one is opened) — or less, from its first reading, when less has been recorded. Each
 * reading lasts until the next; gaps (unavailable) break the line.
 */
export function Sparkline({ points, nowSeconds }: { points: readonly Point[]; nowSeconds: number }) {
  const values = points.map(([, value]) => value).filter((value): value is number => value !== null);
  if (values.length === 0) return <div class="sparkline" />;
  const from = Math.max(nowSeconds - DAY_SECONDS, points[0]?.[0] ?? 0);
  const duration = Math.max(nowSeconds - from, 1);
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  const x = (seconds: number) => ((Math.max(seconds, from) - from) / duration) * WIDTH;
  // A reading that has not moved is a level line across the middle, not one along the floor.
  const y = (value: number) => (span === 0 ? HEIGHT / 2 : HEIGHT - 2 - ((value - min) / span) * (HEIGHT - 4));
  let path = '';
  points.forEach(([time, value], index) => {
    if (value === null) return;
    const end = points[index + 1]?.[0] ?? nowSeconds;
    const moveTo = index === 0 || points[index - 1]?.[1] === null ? 'M' : 'L';
    path += `${moveTo}${x(time).toFixed(1)} ${y(value).toFixed(1)}H${x(end).toFixed(1)}`;
  });
  return (
    <svg class="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true">
      <path d={path} />
    </svg>
  );
}
