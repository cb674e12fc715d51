/**
 * Where a registry keeps its entries: SQLite in the hub (`hub/storage/registry-store.ts`), nowhere
 * in unit tests. The registries stay plain TypeScript; only this interface reaches the disk.
 */
export interface RegistryPersistence<T> {
  /** The entries saved before, read once at start. */
  load(): T[];
  /**
   * Saves an entry under its id. `durable`: on disk and synced before this returns — a user's
   * edit about to be acknowledged. Otherwise batched with the others of the same turn of the event
   * loop (discovery announcing a thousand devices at once must not cost a thousand syncs).
   */
  save(id: string, entry: T, durable: boolean): void;
  delete(id: string, durable: boolean): void;
}

/** For registries that live in memory only (unit tests). */
export function noPersistence<T>(): RegistryPersistence<T> {
  return { load: () => [], save: () => {}, delete: () => {} };
}

/** The keys whose values differ, with their old values: the `changes` of Home Assistant's registry events. */
export function changedKeys<T extends object>(before: T, after: Partial<T>): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = before[key];
  }
  return changes;
}

/** The keys of a change that are set; `undefined` means "leave it", `null` means "clear it". */
export function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
