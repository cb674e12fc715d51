import type { EntityState } from '../protocol/entity-state.ts';
import type { Database } from '../storage/database.ts';
import type { EntityIds } from './entity-ids.ts';

/** FNV-1a, 32 bits: a cheap index key for an attribute set; equality is checked on the text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Writes batches of states in one transaction each. An attribute set is stored once and shared by
 * every state that has it (a sensor's attributes rarely change while its value does), as Home
 * Assistant's `state_attributes` table does.
 */
export class StateWriter {
  /** Per entity, the attribute set of its last state: most states repeat it. */
  private readonly lastAttributes = new Map<number, { json: string; id: number }>();
  private readonly insertState;
  private readonly findAttributes;
  private readonly insertAttributes;

  constructor(
    private readonly db: Database,
    private readonly ids: EntityIds,
  ) {
    this.insertState = db.prepare(
      `INSERT INTO states (metadata_id, state, attributes_id, last_changed_ms, last_updated_ms,
         context_id, context_user_id, context_parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.findAttributes = db.prepare(
      'SELECT attributes_id AS id FROM state_attributes WHERE hash = ? AND shared_attrs = ?',
    );
    this.insertAttributes = db.prepare('INSERT INTO state_attributes (hash, shared_attrs) VALUES (?, ?)');
  }

  write(states: readonly EntityState[]): void {
    if (states.length === 0) return;
    this.db.transaction(() => {
      for (const state of states) {
        const metadataId = this.ids.getOrCreate(state.entity_id);
        const updated = Date.parse(state.last_updated);
        const changed = Date.parse(state.last_changed);
        const { context } = state;
        this.insertState.run(
          metadataId,
          state.state,
          this.attributesId(metadataId, JSON.stringify(state.attributes)),
          changed === updated ? null : changed,
          updated,
          context.id,
          context.user_id,
          context.parent_id,
        );
      }
    })();
  }

  /** After a purge: attribute sets may be gone, so nothing cached may be trusted. */
  forgetCaches(): void {
    this.lastAttributes.clear();
  }

  private attributesId(metadataId: number, json: string): number {
    const last = this.lastAttributes.get(metadataId);
    if (last?.json === json) return last.id;
    const h = hash(json);
    const found = this.findAttributes.get(h, json) as { id: number } | undefined;
    const id = found ? found.id : Number(this.insertAttributes.run(h, json).lastInsertRowid);
    this.lastAttributes.set(metadataId, { json, id });
    return id;
  }
}
