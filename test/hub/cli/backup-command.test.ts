import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

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
