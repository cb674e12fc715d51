import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import type { ChartData, ChartRange } from '../../store/history-actions.ts';
import { CHART_RANGES } from '../../store/history-actions.ts';
import { useHubStore } from '../../store/hub-context.ts';
import { ChoiceChips } from '../ChoiceChips.tsx';
import { themeColor } from '../theme-color.ts';
import { useColorScheme } from '../use-color-scheme.ts';

const HEIGHT = 220;
const RANGE_LABELS: Record<ChartRange, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d' };

function options(data: ChartData, width: number, unit: string | null): uPlot.Options {
  const accent = themeColor('--accent');
  const muted = themeColor('--muted');
  const grid = themeColor('--border');
  const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const series: uPlot.Series[] = [
    {},
    {
      label: unit ? `Value (${unit})` : 'Value',
      stroke: accent,
      width: 2,
      fill: `${accent}22`,
      // A reading holds until the next: steps, as Home Assistant draws sensor history.
      paths: data.source === 'history' ? uPlot.paths.stepped?.({ align: 1 }) : undefined,
      spanGaps: false,
    },
  ];
  if (data.source === 'statistics') {
    series.push(
      { label: 'Min', stroke: muted, width: 1, dash: [4, 4] },
      { label: 'Max', stroke: muted, width: 1, dash: [4, 4] },
    );
  }
  return {
    width,
    height: HEIGHT,
    series,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    axes: [axis, { ...axis, size: 48 }],
  };
}

function columns(data: ChartData): uPlot.AlignedData {
  return data.source === 'statistics'
    ? [data.times, data.values, data.min ?? [], data.max ?? []]
    : [data.times, data.values];
}

/** The full chart of a sensor, with ranges of an hour, a day, a week and a month. */
export function HistoryChart({ entityId, unit }: { entityId: string; unit: string | null }) {
  const store = useHubStore();
  const scheme = useColorScheme();
  const [range, setRange] = useState<ChartRange>('24h');
  const [data, setData] = useState<ChartData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    setError(null);
    store.chartData(entityId, range).then(
      (loaded) => current && setData(loaded),
      (failure: unknown) =>
        current && setError(failure instanceof Error ? failure.message : 'The history could not be loaded'),
    );
    return () => {
      current = false;
    };
  }, [entityId, range, store]);

  useEffect(() => {
    const element = holder.current;
    if (!element || !data || data.times.length === 0) return;
    const chart = new uPlot(options(data, element.clientWidth, unit), columns(data), element);
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
    // The scheme is a dependency so that the canvas is redrawn in the new theme's colours.
  }, [data, unit, scheme]);

  const empty = data !== null && data.times.length === 0;
  return (
    <section class="chart" aria-label="History">
      <ChoiceChips
        label="Range"
        choices={CHART_RANGES.map((value) => ({ value, label: RANGE_LABELS[value] }))}
        selected={range}
        disabled={false}
        onSelect={(value) => setRange(value as ChartRange)}
      />
      <div
        ref={holder}
        class="chart__plot"
        data-points={data?.times.length ?? 0}
        data-source={data?.source ?? ''}
        aria-busy={data === null && error === null}
      >
        {error && <p class="dialog__empty">{error}</p>}
        {empty && <p class="dialog__empty">Nothing recorded in this range yet.</p>}
      </div>
    </section>
  );
}
