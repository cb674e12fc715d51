import type { StatisticsPeriod, StatisticsResult, StatisticsRow } from '../protocol/history.ts';
import type { Database } from '../storage/database.ts';
import { STATISTICS_PERIOD_MS } from './statistics-compiler.ts';

export type StatisticType = 'mean' | 'min' | 'max';

export interface StatisticsOptions {
  startMs: number;
  endMs?: number | undefined;
  statisticIds: readonly string[];
  period: StatisticsPeriod;
  /** Which values to answer with; default all three. */
  types?: readonly StatisticType[] | undefined;
}

interface Row {
  start: number;
  mean: number;
  min: number;
  max: number;
}

/**
 * The start of the period that holds `ms`. Hours count in UTC; days, weeks (from Monday) and months
 * in the hub's time zone, as Home Assistant reckons them in the configured one.
 */
export function periodStart(ms: number, period: StatisticsPeriod): number {
  switch (period) {
    case '5minute':
      return ms - (ms % STATISTICS_PERIOD_MS);
    case 'hour':
      return ms - (ms % 3_600_000);
  }
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  if (period === 'week') date.setDate(date.getDate() - ((date.getDay() + 6) % 7));
  if (period === 'month') date.setDate(1);
  return date.getTime();
}

function nextPeriod(start: number, period: StatisticsPeriod): number {
  if (period === '5minute') return start + STATISTICS_PERIOD_MS;
  if (period === 'hour') return start + 3_600_000;
  const date = new Date(start);
  if (period === 'day') date.setDate(date.getDate() + 1);
  else if (period === 'week') date.setDate(date.getDate() + 7);
  else date.setMonth(date.getMonth() + 1);
  return date.getTime();
}

/**
 * `recorder/statistics_during_period`: the 5-minute statistics, or their aggregates by hour, day,
 * week or month — the mean of the means, the least min, the greatest max — for long ranges that
 * raw history would make heavy.
 */
export class StatisticsQuery {
  private readonly select;

  constructor(db: Database) {
    this.select = db.prepare(
      `SELECT s.start_ms AS start, s.mean, s.min, s.max FROM statistics s
       JOIN statistics_meta m ON m.metadata_id = s.metadata_id
       WHERE m.statistic_id = ? AND s.start_ms >= ? AND s.start_ms < ? ORDER BY s.start_ms`,
    );
  }

  during(options: StatisticsOptions): StatisticsResult {
    const types = new Set(options.types ?? ['mean', 'min', 'max']);
    const from = periodStart(options.startMs, options.period);
    const result: StatisticsResult = {};
    for (const statisticId of new Set(options.statisticIds)) {
      const rows = this.select.all(statisticId, from, options.endMs ?? Number.MAX_SAFE_INTEGER) as Row[];
      if (rows.length === 0) continue;
      result[statisticId] = aggregate(rows, options.period).map((row) => pick(row, types));
    }
    return result;
  }
}

function aggregate(rows: readonly Row[], period: StatisticsPeriod): StatisticsRow[] {
  const out: StatisticsRow[] = [];
  let bucket: (StatisticsRow & { count: number; sum: number }) | undefined;
  for (const row of rows) {
    const start = periodStart(row.start, period);
    if (bucket?.start !== start) {
      if (bucket) out.push(finish(bucket));
      bucket = {
        start,
        end: nextPeriod(start, period),
        mean: 0,
        min: row.min,
        max: row.max,
        count: 0,
        sum: 0,
      };
    }
    bucket.count += 1;
    bucket.sum += row.mean;
    bucket.min = Math.min(bucket.min, row.min);
    bucket.max = Math.max(bucket.max, row.max);
  }
  if (bucket) out.push(finish(bucket));
  return out;
}

function finish({
  start,
  end,
  min,
  max,
  sum,
  count,
}: StatisticsRow & { count: number; sum: number }): StatisticsRow {
  return { start, end, mean: sum / count, min, max };
}

function pick(row: StatisticsRow, types: ReadonlySet<string>): StatisticsRow {
  const picked: Partial<StatisticsRow> = { start: row.start, end: row.end };
  for (const type of ['mean', 'min', 'max'] as const) if (types.has(type)) picked[type] = row[type];
  return picked as StatisticsRow;
}
