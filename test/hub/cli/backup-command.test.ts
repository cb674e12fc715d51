import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEARTH_BIN, runCli } from '../../helpers/run-cli.ts';
import { useTempFolder } from '../../helpers/temp-folder.ts';

describe('hearth backup and hearth restore on the command line', () => {
  it.each(['backup', 'restore'])('prints help for %s, and is listed', async (command) => {
    const help = await runCli([command, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`hearth ${command}`);
    expect((await runCli(['--help'])).stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it.each([
    [['backup'], /backup needs --out FILE/],
    [['backup', '--out', 'x.db', 'extra'], /unexpected argument "extra"/],
    [['restore'], /restore needs the backup FILE/],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says where there is nothing to back up', async () => {
    const { code, stderr } = await runCli(['backup', '--out', '/tmp/x.db', '--data', '/nonexistent/hearth']);
    expect(code).toBe(1);
    expect(stderr).toBe('hearth: there is no hearth database in /nonexistent/hearth\n');
  });
});

describe('hearth backup and hearth restore show their progress on stderr', () => {
  const folder = useTempFolder('hearth-backup-progress-');
  let data: string;
  const pagesDone = (command: string) =>
    new RegExp(
      `^hearth ${command}: copying the database…\\n(hearth ${command}: copying the database .*\\n)*` +
        `hearth ${command}: copying the database: done, ([\\d,]+) pages in \\d+\\.\\d s\\n` +
        `hearth ${command}: done in \\d+\\.\\d s\\n$`,
    );

  beforeAll(async () => {
    data = path.join(folder.path(), 'data');
    expect((await runCli(['device', 'add', 'desk-lamp', '--data', data])).code).toBe(0);
    // 4 MB more, so that the copy goes in many steps (a hundredth of the pages each).
    const db = new BetterSqlite3(path.join(data, 'hearth.db'));
    db.exec('CREATE TABLE filler (x BLOB)');
    const insert = db.prepare('INSERT INTO filler VALUES (randomblob(20000))');
    for (let i = 0; i < 200; i++) insert.run();
    db.close();
  });

  it('backup: the steps to done, off a terminal, and stdout as before', async () => {
    const out = path.join(folder.path(), 'backup.db');
    const { code, stdout, stderr } = await runCli(['backup', '--out', out, '--data', data]);
    expect(code).toBe(0);
    expect(stdout).toBe(`backup written to ${out} (${Math.ceil(statSync(out).size / 1024)} KiB)\n`);
    expect(stderr).not.toContain('\r');
    const pages = Number(stderr.match(pagesDone('backup'))?.[2]?.replaceAll(',', ''));
    expect(pages * 4096).toBe(statSync(out).size);
    const copy = new BetterSqlite3(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT COUNT(*) AS n FROM filler').get()).toEqual({ n: 200 });
    copy.close();
  });

  it('backup on a terminal: one line redrawn in place, ending in done; stdout untouched', async () => {
    const out = path.join(folder.path(), 'backup-tty.db');
    const stdoutFile = path.join(folder.path(), 'stdout.txt');
    const terminal = await runOnTerminal(
      `${shellQuote(process.execPath)} ${shellQuote(HEARTH_BIN)} backup --out ${shellQuote(out)} --data ${shellQuote(data)} > ${shellQuote(stdoutFile)}`,
    );
    expect(readFileSync(stdoutFile, 'utf8')).toBe(
      `backup written to ${out} (${Math.ceil(statSync(out).size / 1024)} KiB)\n`,
    );
    const erase = '\r\x1b[K';
    const drawn = terminal.split(erase);
    expect(drawn[0]).toBe('');
    expect(drawn[1]).toBe('hearth backup: copying the database  0 pages');
    // One line: the only newline ends the last one.
    expect(drawn.at(-1)).toMatch(/^hearth backup: done in \d+\.\d s\r?\n$/);
    expect(terminal.trimEnd()).not.toContain('\n');
  });

  it('backup --quiet: nothing on stderr, the same stdout', async () => {
    const out = path.join(folder.path(), 'backup-quiet.db');
    const { code, stdout, stderr } = await runCli(['backup', '--quiet', '--out', out, '--data', data]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^backup written to .*backup-quiet\.db \(\d+ KiB\)\n$/);
  });

  it('restore: the check, then the copy to done; stdout as before; -q silences it', async () => {
    const backup = path.join(folder.path(), 'backup.db');
    const into = path.join(folder.path(), 'restored');
    const { code, stdout, stderr } = await runCli(['restore', backup, '--data', into]);
    expect(code).toBe(0);
    expect(stdout).toBe(`restored ${backup} into ${into}\n`);
    expect(stderr).toMatch(/^hearth restore: checking the backup and the data folder…\n/);
    expect(stderr).toMatch(/\nhearth restore: checking the backup and the data folder: done in \d+\.\d s\n/);
    expect(stderr.replace(/^.*\n.*\n/, '')).toMatch(pagesDone('restore'));

    const again = await runCli(['restore', '-q', backup, '--data', into]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(
      `restored ${backup} into ${into}\nthe database it replaced is kept as ${path.join(into, 'hearth.db.before-restore')}\n`,
    );
  });

  it('restore ends its line at the step that failed, then says why', async () => {
    const junk = folder.write('junk.db', 'not a database at all, just some text long enough not to be empty');
    const { code, stderr } = await runCli(['restore', junk, '--data', path.join(folder.path(), 'other')]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'hearth restore: checking the backup and the data folder…\n' +
        'hearth restore: checking the backup and the data folder: failed\n' +
        `hearth: ${junk} is not a hearth backup\n`,
    );
  });
});

/** A shell command run on a pseudo-terminal (util-linux's `script`): what the terminal showed. */
function runOnTerminal(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('script', ['-qec', command, '/dev/null'], (error, stdout) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT')
        reject(new Error('the terminal test needs script: apt-get install bsdutils'));
      else if (error) reject(error);
      else resolve(stdout);
    });
  });
}

const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
