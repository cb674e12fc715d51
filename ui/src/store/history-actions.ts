import type { HistoryResult, LogbookEntry, StatisticsResult } from '../../../hub/protocol/history.ts';
import type { Command } from '../connection/hub-connection.ts';
import { readingOf } from './sensor-history.ts';

export type ChartRange = '1h' | '24h' | '7d' | '30d';

export const CHART_RANGES: readonly ChartRange[] = ['1h', '24h', '7d', '30d'];

const RANGE_SECONDS: Record<ChartRange, number> = {
  '1h': 3600,
  '24h': 86_400,
  '7d': 7 * 86_400,
  '30d': 30 * 86_400,
};

/** Columns for a chart: times in seconds, and the values (with min and max for statistics). */
export interface ChartData {
  source: 'history' | 'statistics';
  times: number[];
  values: (number | null)[];
  min?: (number | null)[];
  max?: (number | null)[];
}

export interface HistoryActions {
  /** Raw history for an hour or a day; hourly statistics for a week or a month, history if there are none yet. */
  chartData(entityId: string, range: ChartRange): Promise<ChartData>;
  /** The entity's changes of the last day, newest first. */
  recentChanges(entityId: string): Promise<LogbookEntry[]>;
}

export function createHistoryActions(request: Command, now: () => number): HistoryActions {
  const since = (seconds: number) => new Date(now() - seconds * 1000).toISOString();

  async function history(entityId: string, seconds: number): Promise<ChartData> {
    const result = (await request({
      type: 'history/history_during_period',
      start_time: since(seconds),
      entity_ids: [entityId],
      minimal_response: true,
      no_attributes: true,
    })) as HistoryResult;
    const states = result[entityId] ?? [];
    const times = states.map((s) => s.lu);
    const values = states.map((s) => readingOf(s.s));
    // The last reading lasts until now: the line reaches the right edge.
    if (states.length > 0) {
      times.push(now() / 1000);
      values.push(values.at(-1) ?? null);
    }
    return { source: 'history', times, values };
  }

  return {
    async chartData(entityId, range) {
      const seconds = RANGE_SECONDS[range];
      if (range === '1h' || range === '24h') return history(entityId, seconds);
      const result = (await request({
        type: 'recorder/statistics_during_period',
        start_time: since(seconds),
        statistic_ids: [entityId],
        period: 'hour',
        types: ['mean', 'min', 'max'],
      })) as StatisticsResult;
      const rows = result[entityId] ?? [];
      if (rows.length === 0) return history(entityId, seconds);
      return {
        source: 'statistics',
        times: rows.map((row) => row.start / 1000),
        values: rows.map((row) => row.mean),
        min: rows.map((row) => row.min),
        max: rows.map((row) => row.max),
      };
    },
    async recentChanges(entityId) {
      const entries = (await request({
        type: 'logbook/get_events',
        start_time: since(86_400),
        entity_ids: [entityId],
      })) as LogbookEntry[];
      return entries.reverse();
    },
  };
}
