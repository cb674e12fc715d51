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
    // People: passwords (scrypt, PHC strings), login names unique whatever their case, refresh
    // tokens ('session') with short-lived access tokens under them, long-lived tokens that may
    // expire, where each token was last used from. Session tokens of version 1
    // were used directly as access tokens: no panel holds them as refresh tokens, so they go.
    version: 2,
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
    version: 3,
    sql: `
      CREATE TABLE mqtt_credentials (
        username TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
  },
];
