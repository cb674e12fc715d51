/**
 * Versioned schema migrations, applied in order at start inside one transaction each.
 * Append only: a released migration is never edited.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        is_owner INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('long_lived', 'session')),
        hash BLOB NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER
      );
      CREATE TABLE login_codes (
        hash BLOB PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    // The entity, device and area registries, one JSON document per entry, as Home Assistant keeps
    // them in .storage/core.*_registry: the registries own the shape, the table only keeps it.
    version: 2,
    sql: `
      CREATE TABLE registry_entries (
        registry TEXT NOT NULL CHECK (registry IN ('entity', 'device', 'area')),
        id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (registry, id)
      );
    `,
  },
];
