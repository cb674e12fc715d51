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
  {
    // The recorder, after Home Assistant's schema: entity ids and attribute sets stored once and
    // referenced; times in ms since the epoch; `last_changed_ms` NULL when equal to
    // `last_updated_ms` (an attribute-only change has it set). Statistics: 5-minute mean/min/max.
    version: 3,
    sql: `
      CREATE TABLE states_meta (
        metadata_id INTEGER PRIMARY KEY,
        entity_id TEXT NOT NULL UNIQUE
      );
      CREATE TABLE state_attributes (
        attributes_id INTEGER PRIMARY KEY,
        hash INTEGER NOT NULL,
        shared_attrs TEXT NOT NULL
      );
      CREATE INDEX state_attributes_hash ON state_attributes (hash);
      CREATE TABLE states (
        state_id INTEGER PRIMARY KEY,
        metadata_id INTEGER NOT NULL,
        state TEXT NOT NULL,
        attributes_id INTEGER,
        last_changed_ms INTEGER,
        last_updated_ms INTEGER NOT NULL,
        context_id TEXT,
        context_user_id TEXT,
        context_parent_id TEXT
      );
      CREATE INDEX states_metadata_updated ON states (metadata_id, last_updated_ms);
      CREATE INDEX states_updated ON states (last_updated_ms);
      CREATE INDEX states_attributes ON states (attributes_id);
      CREATE TABLE statistics_meta (
        metadata_id INTEGER PRIMARY KEY,
        statistic_id TEXT NOT NULL UNIQUE,
        unit_of_measurement TEXT
      );
      CREATE TABLE statistics (
        metadata_id INTEGER NOT NULL,
        start_ms INTEGER NOT NULL,
        mean REAL NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        PRIMARY KEY (metadata_id, start_ms)
      ) WITHOUT ROWID;
      CREATE INDEX statistics_start ON statistics (start_ms);
      CREATE TABLE recorder_status (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );
    `,
  },
  {
    // People: passwords (scrypt, PHC strings), login names unique whatever their case, refresh
    // tokens ('session') with short-lived access tokens under them, long-lived tokens that may
    // expire, where each token was last used from. Session tokens of version 1
    // were used directly as access tokens: no panel holds them as refresh tokens, so they go.
    version: 4,
    sql: `
      ALTER TABLE users ADD COLUMN password_hash TEXT;
      CREATE UNIQUE INDEX users_name ON users (name COLLATE NOCASE);
      ALTER TABLE tokens ADD COLUMN last_used_ip TEXT;
      ALTER TABLE tokens ADD COLUMN expires_at INTEGER;
      DELETE FROM tokens WHERE kind = 'session';
      CREATE TABLE access_tokens (
        hash BLOB PRIMARY KEY,
        refresh_token_id TEXT NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX access_tokens_expiry ON access_tokens (expires_at);
    `,
  },
  {
    // MQTT device credentials (`hearth device add`): the username is the device's name, the
    // password is stored only as a scrypt PHC string.
    version: 5,
    sql: `
      CREATE TABLE mqtt_credentials (
        username TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
  },
];
