import type { Database } from '../storage/database.ts';
import type { EntityIds } from './entity-ids.ts';
import { numericState } from './stored-attributes.ts';

/** Statistics are compiled per five minutes, as Home Assistant's short-term statistics. */
export const STATISTICS_PERIOD_MS = 5 * 60_000;

/** A sensor to compile: a measurement (`state_class: measurement`) and its unit. */
export interface MeasuredEntity {
  entityId: string;
  unit: string | null;
}

interface Row {
  state: string;
  lu: number;
}

/**
 * Turns the recorded states of measurement sensors into 5-minute statistics: the time-weighted
 * mean, the min and the max of the numeric values in effect during the period, as Home
 * Assistant's `compile_statistics` does for `state_class: measurement`. Non-numeric spans
 * (`unavailable`) count for nothing; a period with no numeric value gets no row.
 */
export class StatisticsCompiler {
  private readonly inEffect;
  private readonly during;
  private readonly selectMeta;
  private readonly insertMeta;
  private readonly updateUnit;
  private readonly upsert;

  constructor(
    private readonly db: Database,
    private readonly ids: EntityIds,
  ) {
    this.inEffect = db.prepare(
      `SELECT state, last_updated_ms AS lu FROM states WHERE metadata_id = ? AND last_updated_ms <= ?
       ORDER BY last_updated_ms DESC, state_id DESC LIMIT 1`,
    );
    this.during = db.prepare(
      `SELECT state, last_updated_ms AS lu FROM states
       WHERE metadata_id = ? AND last_updated_ms > ? AND last_updated_ms < ? ORDER BY last_updated_ms, state_id`,
    );
    this.selectMeta = db.prepare(
      'SELECT metadata_id AS id, unit_of_measurement AS unit FROM statistics_meta WHERE statistic_id = ?',
    );
    this.insertMeta = db.prepare(
      'INSERT INTO statistics_meta (statistic_id, unit_of_measurement) VALUES (?, ?)',
    );
    this.updateUnit = db.prepare('UPDATE statistics_meta SET unit_of_measurement = ? WHERE metadata_id = ?');
    this.upsert = db.prepare(
      'INSERT OR REPLACE INTO statistics (metadata_id, start_ms, mean, min, max) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** Compiles the period that starts at `startMs`, for each entity, in one transaction. */
  compile(startMs: number, entities: readonly MeasuredEntity[]): void {
    const endMs = startMs + STATISTICS_PERIOD_MS;
    this.db.transaction(() => {
      for (const { entityId, unit } of entities) {
        const metadataId = this.ids.get(entityId);
        if (metadataId === undefined) continue;
        const first = this.inEffect.get(metadataId, startMs) as Row | undefined;
        const rows = this.during.all(metadataId, startMs, endMs) as Row[];
        const summary = summarize(first ? [first, ...rows] : rows, startMs, endMs);
        if (summary)
          this.upsert.run(this.statisticId(entityId, unit), startMs, summary.mean, summary.min, summary.max);
      }
    })();
  }

  private statisticId(entityId: string, unit: string | null): number {
    const meta = this.selectMeta.get(entityId) as { id: number; unit: string | null } | undefined;
    if (!meta) return Number(this.insertMeta.run(entityId, unit).lastInsertRowid);
    if (meta.unit !== unit) this.updateUnit.run(unit, meta.id);
    return meta.id;
  }
}

/** The time-weighted mean, min and max of the numeric values in effect from `start` to `end`. */
export function summarize(
  rows: readonly Row[],
  start: number,
  end: number,
): { mean: number; min: number; max: number } | undefined {
  let duration = 0;
  let weighted = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  rows.forEach((row, index) => {
    const value = numericState(row.state);
    if (value === null) return;
    const from = Math.max(row.lu, start);
    const to = Math.min(rows[index + 1]?.lu ?? end, end);
    min = Math.min(min, value);
    max = Math.max(max, value);
    if (to > from) {
      duration += to - from;
      weighted += value * (to - from);
    }
  });
  if (min === Number.POSITIVE_INFINITY) return undefined;
  return { mean: duration > 0 ? weighted / duration : (min + max) / 2, min, max };
}
