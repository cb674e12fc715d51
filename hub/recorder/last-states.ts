import type { Attributes, EntityState } from '../protocol/entity-state.ts';
import type { Database } from '../storage/database.ts';

interface Row {
  entity_id: string;
  state: string;
  attrs: string | null;
  lu: number;
  lc: number | null;
  context_id: string | null;
  context_user_id: string | null;
  context_parent_id: string | null;
}

/**
 * Each entity's last recorded state: what the hub shows at start, before any device has spoken.
 * The purge never deletes an entity's last state, so every entity ever recorded has one.
 */
export function lastStates(db: Database, wanted: (entityId: string) => boolean): EntityState[] {
  const rows = db
    .prepare(
      `SELECT m.entity_id, s.state, a.shared_attrs AS attrs, s.last_updated_ms AS lu, s.last_changed_ms AS lc,
         s.context_id, s.context_user_id, s.context_parent_id
       FROM states_meta m
       JOIN states s ON s.state_id = (
         SELECT state_id FROM states WHERE metadata_id = m.metadata_id
         ORDER BY last_updated_ms DESC, state_id DESC LIMIT 1)
       LEFT JOIN state_attributes a ON a.attributes_id = s.attributes_id`,
    )
    .all() as Row[];
  return rows
    .filter((row) => wanted(row.entity_id))
    .map((row) => ({
      entity_id: row.entity_id,
      state: row.state,
      attributes: row.attrs === null ? {} : (JSON.parse(row.attrs) as Attributes),
      last_changed: new Date(row.lc ?? row.lu).toISOString(),
      last_updated: new Date(row.lu).toISOString(),
      context: { id: row.context_id ?? '', parent_id: row.context_parent_id, user_id: row.context_user_id },
    }));
}
