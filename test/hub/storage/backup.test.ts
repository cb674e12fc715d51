import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../hub/storage/backup.ts';
import { openDatabase } from '../../../hub/storage/database.ts';
import { useTempFolder } from '../../helpers/temp-folder.ts';

/** A hub's database of some 2 MB (500 rows of 4 kB), and a way to write one more row. */
function databaseIn(data: string) {
  const hub = openDatabase(data);
  hub.exec('CREATE TABLE filler (x BLOB)');
  const insert = hub.prepare('INSERT INTO filler VALUES (randomblob(4000))');
  for (let i = 0; i < 500; i++) insert.run();
  return { hub, writeRow: () => insert.run() };
}

describe('backupDatabase', () => {
  const folder = useTempFolder('hearth-backup-');

  it('copies a hundredth of the pages a step, telling how far it is', async () => {
    const data = path.join(folder.path(), 'quiet-data');
    databaseIn(data).hub.close();
    const seen: number[] = [];
    let total = 0;
    await backupDatabase(data, path.join(folder.path(), 'quiet.db'), {
      step: () => {},
      update: (done, pages = 0) => {
        seen.push(done);
        total = pages;
      },
    });
    const chunk = Math.ceil(total / 100);
    expect(seen).toEqual(Array.from({ length: Math.ceil(total / chunk) }, (_, i) => i * chunk));
  });

  it('finishes a copy that a writer keeps restarting: the rest in one step', async () => {
    const data = path.join(folder.path(), 'data');
    const { hub, writeRow } = databaseIn(data);

    // The hub writes between every two steps of the copy, as a busy recorder would: each write
    // restarts SQLite's copy from the first page.
    const seen: [number, number | undefined][] = [];
    const out = path.join(folder.path(), 'backup.db');
    await backupDatabase(data, out, {
      step: (label) => expect(label).toBe('copying the database'),
      update: (done, total) => {
        seen.push([done, total]);
        if (seen.length > 20) throw new Error('the copy keeps restarting');
        writeRow();
      },
    });
    hub.close();

    // The first step copies nothing and tells the total; the next a hundredth, from the first page
    // again after the write; the one after gets no further, a restart: the rest goes in one step.
    // (Each write adds a page.)
    const total = seen[0]?.[1] ?? 0;
    expect(total).toBeGreaterThan(500);
    expect(seen).toEqual([
      [0, total],
      [Math.ceil(total / 100), total + 1],
      [Math.ceil(total / 100), total + 2],
    ]);
    const copy = new BetterSqlite3(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    // A snapshot: every row written before its last restart, none half-way.
    const rows = (copy.prepare('SELECT COUNT(*) AS n FROM filler').get() as { n: number }).n;
    expect(rows).toBeGreaterThanOrEqual(500 + seen.length - 1);
    copy.close();
  });
});
