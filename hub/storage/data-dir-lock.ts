import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** The data folder is in use by a running hub (or a restore). */
export class DataDirBusy extends Error {}

export interface DataDirLock {
  release(): void;
}

/**
 * Claims a data folder for one process: the hub holds it while it runs, `hearth restore` while it
 * replaces the database. The lock is SQLite's own exclusive lock on `hearth.lock`, held by a
 * connection in `locking_mode=EXCLUSIVE` — an operating-system lock, so a hub killed with SIGKILL
 * leaves no stale lock behind (a PID file would).
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(path.join(dataDir, 'hearth.lock'), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = DELETE');
    // A write takes the exclusive lock; in exclusive locking mode it is kept until the connection closes.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)');
    db.prepare('DELETE FROM holder').run();
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new DataDirBusy(`a hub is running on ${dataDir} (its data folder is locked)`);
    throw error;
  }
  return { release: () => db.close() };
}
