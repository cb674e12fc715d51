import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { NO_PROGRESS, type ProgressSink } from '../cli/progress.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { databaseFile } from './database.ts';
import { MIGRATIONS } from './migrations.ts';

/** Every page left, in one step (better-sqlite3's upper bound). */
const ALL_PAGES = 0x7fffffff;
/** The copy goes in hundredths, so that it can say how far it is. */
const STEPS = 100;

/**
 * Copies `db` into the file `to` with SQLite's online backup API, a hundredth at a time, telling
 * `progress`. A write by another connection between two steps restarts the copy from the first page
 * (https://www.sqlite.org/c3ref/backup_finish.html#sqlite3backupstep), which keeps the copy a
 * consistent snapshot; once that happens the rest goes in one step, so that a busy hub cannot keep
 * restarting it.
 */
async function copyPages(db: BetterSqlite3.Database, to: string, progress: ProgressSink): Promise<void> {
  progress.step('copying the database', { unit: 'pages' });
  let doneBefore = -1;
  let restarted = false;
  await db.backup(to, {
    progress: ({ totalPages, remainingPages }) => {
      const done = totalPages - remainingPages;
      progress.update(done, totalPages);
      // A restart shows as a step that got no further than the one before.
      if (done <= doneBefore) restarted = true;
      doneBefore = done;
      return restarted ? ALL_PAGES : Math.ceil(totalPages / STEPS);
    },
  });
}

/**
 * A consistent copy of a data folder's database, taken with SQLite's online backup API
 * (https://www.sqlite.org/backup.html) while a hub may be writing to it: the hub's WAL is read
 * through, nothing is locked against it. Written beside `out`, then renamed over it, as one file
 * with no WAL of its own.
 */
export async function backupDatabase(
  dataDir: string,
  out: string,
  progress: ProgressSink = NO_PROGRESS,
): Promise<{ bytes: number }> {
  const source = databaseFile(dataDir);
  if (!existsSync(source)) throw new Error(`there is no hearth database in ${dataDir}`);
  const db = new BetterSqlite3(source, { fileMustExist: true, timeout: 5000 });
  const partial = `${out}.partial`;
  try {
    rmSync(partial, { force: true });
    await copyPages(db, partial, progress);
    const copy = new BetterSqlite3(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  return { bytes: statSync(out).size };
}

/** Throws unless `file` is an intact hearth database this version can open. */
function checkBackup(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} is damaged: ${String(integrity)}`);
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
      version: number;
    };
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    if (row.version > known)
      throw new Error(`${file} comes from a newer hearth (schema ${row.version}; this one knows ${known})`);
  } catch (error) {
    const message = (error as Error).message;
    if (/file is not a database|no such table/.test(message))
      throw new Error(`${file} is not a hearth backup`);
    throw error;
  } finally {
    db?.close();
  }
}

/**
 * Puts a backup in place of a data folder's database. Refused while a hub runs on the folder
 * (`DataDirBusy`); the folder stays locked meanwhile, so none starts half-way. The database it
 * replaces is kept beside it as `hearth.db.before-restore`, complete (its WAL folded in).
 */
export async function restoreDatabase(
  file: string,
  dataDir: string,
  progress: ProgressSink = NO_PROGRESS,
): Promise<{ keptAs: string | null }> {
  progress.step('checking the backup and the data folder');
  checkBackup(file);
  const lock = lockDataDir(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const target = databaseFile(dataDir);
    const incoming = `${target}.restoring`;
    rmSync(incoming, { force: true });
    const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      await copyPages(source, incoming, progress);
    } finally {
      source.close();
    }
    let keptAs: string | null = null;
    if (existsSync(target)) {
      const old = new BetterSqlite3(target, { timeout: 5000 });
      old.pragma('wal_checkpoint(TRUNCATE)');
      old.pragma('journal_mode = DELETE');
      old.close();
      keptAs = `${target}.before-restore`;
      renameSync(target, keptAs);
    }
    // A WAL left beside the new file would be replayed into it: it belongs to the old one.
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(incoming, target);
    return { keptAs };
  } finally {
    lock.release();
  }
}
