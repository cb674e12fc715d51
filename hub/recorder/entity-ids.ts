import type { Database } from '../storage/database.ts';

/** Entity ids as the small integers the states table refers to (`states_meta`), cached. */
export class EntityIds {
  private readonly cache = new Map<string, number>();
  private readonly select;
  private readonly insert;

  constructor(db: Database) {
    this.select = db.prepare('SELECT metadata_id AS id FROM states_meta WHERE entity_id = ?');
    this.insert = db.prepare('INSERT INTO states_meta (entity_id) VALUES (?)');
  }

  /** The id, or undefined when the entity was never recorded. */
  get(entityId: string): number | undefined {
    const cached = this.cache.get(entityId);
    if (cached !== undefined) return cached;
    const row = this.select.get(entityId) as { id: number } | undefined;
    if (row) this.cache.set(entityId, row.id);
    return row?.id;
  }

  getOrCreate(entityId: string): number {
    const known = this.get(entityId);
    if (known !== undefined) return known;
    const id = Number(this.insert.run(entityId).lastInsertRowid);
    this.cache.set(entityId, id);
    return id;
  }
}
