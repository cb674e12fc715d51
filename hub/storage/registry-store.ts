import type { AreaEntry } from '../core/area-registry.ts';
import type { DeviceEntry } from '../core/device-registry.ts';
import type { EntityEntry } from '../core/entity-registry.ts';
import type { RegistryPersistence } from '../core/registry-persistence.ts';
import type { Database } from './database.ts';

type RegistryName = 'entity' | 'device' | 'area';

/** A write waiting for the end of the turn: the entry, or null for a deletion. */
type Pending = Map<string, { registry: RegistryName; id: string; data: string | null }>;

/**
 * The registries in SQLite, on the hub's `synchronous=FULL` connection. A user's edit is written
 * and synced before it is acknowledged; what discovery announces is gathered for the rest of the
 * turn and written in one transaction (`setImmediate`), so a thousand devices cost one sync. A
 * crash inside that turn loses only what the devices will announce again.
 */
export class RegistryStore {
  readonly entities: RegistryPersistence<EntityEntry>;
  readonly devices: RegistryPersistence<DeviceEntry>;
  readonly areas: RegistryPersistence<AreaEntry>;
  private pending: Pending = new Map();
  private scheduled: ReturnType<typeof setImmediate> | undefined;

  constructor(private readonly db: Database) {
    this.entities = this.persistence<EntityEntry>('entity');
    this.devices = this.persistence<DeviceEntry>('device');
    this.areas = this.persistence<AreaEntry>('area');
  }

  /** Writes everything pending now, in one transaction. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending.size === 0) return;
    const writes = [...this.pending.values()];
    this.pending = new Map();
    const upsert = this.db.prepare(
      'INSERT INTO registry_entries (registry, id, data) VALUES (?, ?, ?) ' +
        'ON CONFLICT (registry, id) DO UPDATE SET data = excluded.data',
    );
    const remove = this.db.prepare('DELETE FROM registry_entries WHERE registry = ? AND id = ?');
    this.db.transaction(() => {
      for (const { registry, id, data } of writes) {
        if (data === null) remove.run(registry, id);
        else upsert.run(registry, id, data);
      }
    })();
  }

  private persistence<T>(registry: RegistryName): RegistryPersistence<T> {
    return {
      load: () =>
        (
          this.db
            .prepare('SELECT data FROM registry_entries WHERE registry = ? ORDER BY rowid')
            .all(registry) as {
            data: string;
          }[]
        ).map((row) => JSON.parse(row.data) as T),
      save: (id, entry, durable) => this.write(registry, id, JSON.stringify(entry), durable),
      delete: (id, durable) => this.write(registry, id, null, durable),
    };
  }

  private write(registry: RegistryName, id: string, data: string | null, durable: boolean): void {
    this.pending.set(`${registry}\u0000${id}`, { registry, id, data });
    if (durable) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }
}
