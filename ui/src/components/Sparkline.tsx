import type { Point } from '../store/sensor-history.ts';
import { SPARKLINE_HEIGHT, SPARKLINE_WIDTH, sparklinePath } from './sparkline-path.ts';

/**
 * A sensor's recent readings as a line, drawn in SVG (uPlot waits for the full chart, loaded only
 * when one is opened).
 */
export function Sparkline({ points, nowSeconds }: { points: readonly Point[]; nowSeconds: number }) {
  const path = sparklinePath(points, nowSeconds);
  if (path === '') return <div class="sparkline" />;
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${SPARKLINE_WIDTH} ${SPARKLINE_HEIGHT}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <path d={path} />
    </svg>
  );
}
