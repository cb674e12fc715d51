import type { Attributes } from '../protocol/entity-state.ts';
import { domainOf } from '../protocol/entity-state.ts';
import type { LogbookEntry } from '../protocol/history.ts';
import type { Database } from '../storage/database.ts';
import { StoredAttributes } from './stored-attributes.ts';

export interface LogbookOptions {
  startMs: number;
  endMs?: number | undefined;
  /** These entities only; without them, every entity but the continuous sensors. */
  entityIds?: readonly string[] | undefined;
}

/** An answer is capped: a panel shows the latest changes, not a month of a chatty sensor. */
const MAX_ENTRIES = 5000;

interface Row {
  entity_id: string;
  state: string;
  lu: number;
  user: string | null;
  aid: number | null;
  attrs: string | null;
}

/**
 * A sensor with a unit or a state class changes all the time; Home Assistant's logbook leaves it
 * out. hearth does too, unless it is asked for by name: the panel lists a sensor's recent values.
 */
const isContinuous = (entityId: string, attributes: Attributes): boolean =>
  domainOf(entityId) === 'sensor' &&
  (attributes.unit_of_measurement !== undefined || attributes.state_class !== undefined);

/** `logbook/get_events`: each change of an entity's state, oldest first, with who caused it. */
export class LogbookQuery {
  private readonly all;
  private readonly some;

  constructor(db: Database) {
    const select = `SELECT m.entity_id, s.state, s.last_updated_ms AS lu, s.context_user_id AS user,
        s.attributes_id AS aid, a.shared_attrs AS attrs
      FROM states s JOIN states_meta m ON m.metadata_id = s.metadata_id
      LEFT JOIN state_attributes a ON a.attributes_id = s.attributes_id
      WHERE s.last_changed_ms IS NULL AND s.last_updated_ms > ? AND s.last_updated_ms < ?`;
    const order = `ORDER BY s.last_updated_ms DESC, s.state_id DESC LIMIT ${MAX_ENTRIES}`;
    this.all = db.prepare(`${select} ${order}`);
    this.some = db.prepare(`${select} AND m.entity_id IN (SELECT value FROM json_each(?)) ${order}`);
  }

  events(options: LogbookOptions): LogbookEntry[] {
    const end = options.endMs ?? Number.MAX_SAFE_INTEGER;
    const named = options.entityIds !== undefined;
    const rows = (
      named
        ? this.some.all(options.startMs, end, JSON.stringify(options.entityIds))
        : this.all.all(options.startMs, end)
    ) as Row[];
    const attributes = new StoredAttributes();
    const entries: LogbookEntry[] = [];
    // Read newest first so the cap keeps the latest; answered oldest first, as Home Assistant does.
    for (const row of rows.reverse()) {
      const attrs = attributes.get(row.aid, row.attrs);
      if (!named && isContinuous(row.entity_id, attrs)) continue;
      const entry: LogbookEntry = { when: row.lu / 1000, entity_id: row.entity_id, state: row.state };
      if (row.user) entry.context_user_id = row.user;
      if (typeof attrs.icon === 'string') entry.icon = attrs.icon;
      entries.push(entry);
    }
    return entries;
  }
}
