import type { Attributes } from '../protocol/entity-state.ts';
import { domainOf } from '../protocol/entity-state.ts';
import type { HistoryResult, HistoryState } from '../protocol/history.ts';
import type { Database } from '../storage/database.ts';
import type { EntityIds } from './entity-ids.ts';
import { StoredAttributes } from './stored-attributes.ts';

/** Domains whose attribute changes are significant too: a thermostat's current temperature. */
const SIGNIFICANT_DOMAINS = new Set([
  'climate',
  'device_tracker',
  'humidifier',
  'thermostat',
  'water_heater',
]);
/** Domains that keep their attributes in a minimal response, to draw their charts. */
const NEED_ATTRIBUTE_DOMAINS = new Set([
  'climate',
  'humidifier',
  'input_datetime',
  'thermostat',
  'water_heater',
]);

export interface HistoryOptions {
  startMs: number;
  endMs?: number | undefined;
  entityIds: readonly string[];
  /** The state each entity was in at `startMs`, dated `startMs`. Default true. */
  includeStartTimeState?: boolean;
  /** Only changes of the state string (and every change of the significant domains). Default true. */
  significantChangesOnly?: boolean;
  /** After each entity's first state, only `state` and time, and only when the state changes. */
  minimalResponse?: boolean;
  noAttributes?: boolean;
}

/** One state as read, before it takes the WebSocket's or REST's shape. */
export interface HistoryRow {
  state: string;
  attributes: Attributes | undefined;
  updatedMs: number;
  changedMs: number;
  /** A minimal-response row: state and time only. */
  minimal: boolean;
}

interface Row {
  state: string;
  aid: number | null;
  attrs: string | null;
  lu: number;
  lc: number | null;
}

const COLUMNS = `SELECT s.state, s.attributes_id AS aid, a.shared_attrs AS attrs,
  s.last_updated_ms AS lu, s.last_changed_ms AS lc
  FROM states s LEFT JOIN state_attributes a ON a.attributes_id = s.attributes_id`;

/**
 * Home Assistant's `get_significant_states` (recorder/history/modern.py) over hearth's tables:
 * per entity, its state at the start, then its changes in the period, oldest first.
 */
export class HistoryQuery {
  private readonly startState;
  private readonly allChanges;
  private readonly stateChanges;

  constructor(
    db: Database,
    private readonly ids: EntityIds,
  ) {
    this.startState = db.prepare(
      `${COLUMNS} WHERE s.metadata_id = ? AND s.last_updated_ms <= ?
       ORDER BY s.last_updated_ms DESC, s.state_id DESC LIMIT 1`,
    );
    const period = 'WHERE s.metadata_id = ? AND s.last_updated_ms > ? AND s.last_updated_ms < ?';
    this.allChanges = db.prepare(`${COLUMNS} ${period} ORDER BY s.last_updated_ms, s.state_id`);
    this.stateChanges = db.prepare(
      `${COLUMNS} ${period} AND s.last_changed_ms IS NULL ORDER BY s.last_updated_ms, s.state_id`,
    );
  }

  /** Rows per entity; entities with none are left out. */
  rows(options: HistoryOptions): Map<string, HistoryRow[]> {
    const {
      startMs,
      endMs = Number.MAX_SAFE_INTEGER,
      includeStartTimeState = true,
      significantChangesOnly = true,
      minimalResponse = false,
      noAttributes = false,
    } = options;
    const attributes = new StoredAttributes();
    const result = new Map<string, HistoryRow[]>();
    for (const entityId of new Set(options.entityIds)) {
      const metadataId = this.ids.get(entityId);
      if (metadataId === undefined) continue;
      const domain = domainOf(entityId);
      const minimal = minimalResponse && !NEED_ATTRIBUTE_DOMAINS.has(domain);
      const changes =
        significantChangesOnly && !SIGNIFICANT_DOMAINS.has(domain) ? this.stateChanges : this.allChanges;
      const found = changes.all(metadataId, startMs, endMs) as Row[];
      const start = includeStartTimeState
        ? (this.startState.get(metadataId, startMs) as Row | undefined)
        : undefined;
      const raw = start ? [{ ...start, lu: startMs, lc: null }, ...found] : found;
      const rows: HistoryRow[] = [];
      let previous: string | undefined;
      for (const row of raw) {
        const first = rows.length === 0;
        if (minimal && !first && row.state === previous) continue;
        previous = row.state;
        rows.push({
          state: row.state,
          attributes: noAttributes || (minimal && !first) ? undefined : attributes.get(row.aid, row.attrs),
          updatedMs: row.lu,
          changedMs: row.lc ?? row.lu,
          minimal: minimal && !first,
        });
      }
      if (rows.length > 0) result.set(entityId, rows);
    }
    return result;
  }

  /** `history/history_during_period`'s compressed form. */
  compressed(options: HistoryOptions): HistoryResult {
    const result: HistoryResult = {};
    for (const [entityId, rows] of this.rows(options)) {
      result[entityId] = rows.map((row, index): HistoryState => {
        // Home Assistant sends `a: {}` for no_attributes, except on a minimal response's first state.
        const withAttributes =
          !row.minimal && !(options.noAttributes && options.minimalResponse && index === 0);
        const changed = !row.minimal && row.changedMs !== row.updatedMs;
        return {
          s: row.state,
          ...(withAttributes && { a: row.attributes ?? {} }),
          lu: row.updatedMs / 1000,
          ...(changed && { lc: row.changedMs / 1000 }),
        };
      });
    }
    return result;
  }

  /** REST `/api/history/period`'s form: a list per entity of full states, or `{state, last_changed}`. */
  full(options: HistoryOptions): Record<string, unknown>[][] {
    return [...this.rows(options)].map(([entityId, rows]) =>
      rows.map((row) =>
        row.minimal
          ? { state: row.state, last_changed: iso(row.updatedMs) }
          : {
              entity_id: entityId,
              state: row.state,
              attributes: row.attributes ?? {},
              last_changed: iso(row.changedMs),
              last_updated: iso(row.updatedMs),
            },
      ),
    );
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
