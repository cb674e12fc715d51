import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

const work = mkdtempSync(path.join(tmpdir(), 'hearth-service-'));

/** systemd's own reading of the unit (Debian: `apt-get install systemd`): errors and warnings alike. */
function verify(unit: string): { status: number | null; stderr: string } {
  const file = path.join(work, 'hearth.service');
  writeFileSync(file, unit);
  const result = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
  if (result.error)
    throw new Error(`systemd-analyze is missing (apt-get install systemd): ${result.error.message}`);
  return { status: result.status, stderr: result.stderr };
}

const dryRun = (flags: string[]) => runCli(['service', 'install', '--dry-run', ...flags]);

describe('hearth service install', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('prints a unit systemd accepts: the user, the data in /var/lib, restart on failure, dialout, hardening', async () => {
    const { code, stdout } = await dryRun(['--user', 'hearth']);
    expect(code).toBe(0);
    expect(stdout).toContain('User=hearth\n');
    expect(stdout).toMatch(
      /^ExecStart=\S+node\S* \S+\/hub\/cli\/hearth\.js start --data \/var\/lib\/hearth$/m,
    );
    expect(stdout).toContain('StateDirectory=hearth\n');
    expect(stdout).toContain('Restart=on-failure\n');
    expect(stdout).toContain('SupplementaryGroups=dialout\n');
    expect(stdout).toContain('NoNewPrivileges=yes\n');
    expect(stdout).toContain('ProtectSystem=strict\n');
    expect(verify(stdout)).toEqual({ status: 0, stderr: '' });
  });

  it('lets the hub write a data folder elsewhere, and only that', async () => {
    const { code, stdout } = await dryRun(['--user', 'pi', '--data', '/srv/hearth']);
    expect(code).toBe(0);
    expect(stdout).toContain('ReadWritePaths=/srv/hearth\n');
    expect(stdout).not.toContain('StateDirectory');
    expect(verify(stdout)).toEqual({ status: 0, stderr: '' });
  });

  it('refuses a data folder a unit cannot hold as written, and a bad user name, naming the flag', async () => {
    const spaced = await dryRun(['--user', 'pi', '--data', '/srv/my hearth']);
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).toContain('--data must be an absolute path');
    const user = await dryRun(['--user', 'pi\nExecStartPre=/bin/sh']);
    expect(user.code).toBe(2);
    expect(user.stderr).toContain('--user must be a user name');
  });
});
