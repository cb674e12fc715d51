import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { RoundTripHistogram } from '../../../../hub/protocol/hub-health.ts';
import { themeColor } from '../theme-color.ts';
import { useColorScheme } from '../use-color-scheme.ts';

const HEIGHT = 200;
/** Below this width every other bucket is labelled, counting back from the last (where timeouts land), so labels never overlap on a phone. */
const NARROW_PX = 460;

/** A bucket's upper bound, short: `5`, `250`, `1k`, `2.5k`; the last bucket has none. */
export function boundLabel(ms: number | undefined): string {
  if (ms === undefined) return '+∞';
  return ms >= 1000 ? `${ms / 1000}k` : String(ms);
}

function options(histogram: RoundTripHistogram, width: number): uPlot.Options {
  const muted = themeColor('--muted');
  const grid = themeColor('--border');
  const labels = [...histogram.bounds_ms, undefined].map(boundLabel);
  const last = labels.length - 1;
  const every = width < NARROW_PX ? 2 : 1;
  const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  // Two bars per bucket, side by side: confirmed left of the bucket's centre, failed right of it.
  const bars = (align: -1 | 1) => uPlot.paths.bars?.({ size: [0.4, 28], align, gap: 1 });
  const series = (label: string, color: string, align: -1 | 1): uPlot.Series => ({
    label,
    stroke: color,
    fill: color,
    width: 0,
    paths: bars(align),
    points: { show: false },
  });
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: [-0.6, last + 0.6] },
      y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
    },
    series: [
      {},
      series('Confirmed', themeColor('--accent'), -1),
      series('Failed', themeColor('--danger'), 1),
    ],
    axes: [
      {
        ...axis,
        grid: { show: false },
        splits: () => labels.map((_, i) => i).filter((i) => (last - i) % every === 0),
        values: (_u, splits) => splits.map((i) => labels[i] ?? ''),
        label: 'ms, at most',
        labelSize: 20,
        labelFont: '12px system-ui, sans-serif',
      },
      {
        ...axis,
        size: 44,
        // Counts are whole: no tick at 0.5 of a command.
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 100_000, 1_000_000],
        values: (_u, splits) => splits.map(String),
      },
    ],
  };
}

const columns = (histogram: RoundTripHistogram): uPlot.AlignedData => [
  histogram.confirmed.map((_, i) => i),
  histogram.confirmed,
  histogram.failed,
];

/**
 * The command round-trip histogram as bars: how many commands were confirmed (or failed) within
 * each bucket's bound, on the buckets `/metrics` uses.
 */
export function RoundTripChart({ histogram }: { histogram: RoundTripHistogram }) {
  const scheme = useColorScheme();
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  // The resize observer may rebuild the chart long after this render: it reads the latest counts.
  const latest = useRef(histogram);
  latest.current = histogram;
  const buckets = histogram.bounds_ms.join();

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const build = (width: number) => {
      chart.current?.destroy();
      chart.current = new uPlot(options(latest.current, width), columns(latest.current), element);
    };
    build(element.clientWidth);
    let narrow = element.clientWidth < NARROW_PX;
    const resize = new ResizeObserver(() => {
      const width = element.clientWidth;
      // Crossing the narrow width changes which buckets are labelled: that takes new options.
      if (width < NARROW_PX !== narrow) {
        narrow = !narrow;
        build(width);
      } else {
        chart.current?.setSize({ width, height: HEIGHT });
      }
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
    // Rebuilt for new buckets or a new theme (the canvas read its colours once); new counts go
    // through setData below.
  }, [buckets, scheme]);

  useEffect(() => {
    chart.current?.setData(columns(histogram));
  }, [histogram]);

  const confirmed = histogram.confirmed.reduce((sum, n) => sum + n, 0);
  const failed = histogram.failed.reduce((sum, n) => sum + n, 0);
  return (
    <figure class="health-chart">
      <div
        ref={holder}
        class="health-chart__plot"
        role="img"
        aria-label={`Command round trips: ${confirmed} confirmed, ${failed} failed, by time to confirm`}
        data-count={histogram.count}
      />
      <figcaption class="health-chart__legend">
        <span class="health-chart__key health-chart__key--confirmed">Confirmed</span>
        <span class="health-chart__key health-chart__key--failed">Failed</span>
      </figcaption>
    </figure>
  );
}
