import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type Database = SqliteDatabase;

/** The database file of a data folder. */
export const databaseFile = (dataDir: string): string => path.join(dataDir, 'hearth.db');

export interface OpenOptions {
  /**
   * `FULL` (default): every commit is synced before it returns — users, tokens, the registry must
   * survive a power cut. `NORMAL`: in WAL mode a commit survives a crash of the process, and only
   * the last commits may be lost to a power cut — the recorder's history, written once a second.
   * (https://www.sqlite.org/pragma.html#pragma_synchronous)
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * Opens `<dataDir>/hearth.db` in WAL mode and brings its schema up to date. The busy timeout lets
 * the CLI (`hearth token create`, `hearth backup`) work while a hub holds the database open.
 */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(databaseFile(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    const current = row.version ?? 0;
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        migration.version,
        Date.now(),
      );
    }
  }).immediate();
}
