import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

describe('the hearth program', () => {
  it.each(['start', 'demo', 'sim', 'token', 'user'])('prints help for %s and exits 0', async (command) => {
    const { code, stdout } = await runCli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`hearth ${command}`);
  });

  it('lists its commands', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['start', 'demo', 'sim', 'token', 'user']) expect(stdout).toContain(command);
  });

  it.each([
    [['bogus'], /unknown command "bogus"/],
    [['start', '--http-port', '70000'], /--http-port must be 0..65535, got "70000"/],
    [['start', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['start', '--mqtt-url', 'http://x'], /--mqtt-url must start with mqtt:\/\//],
    [['token', 'create'], /token create needs --name NAME/],
    [
      ['token', 'create', '--name', 'x', '--days', '0'],
      /--days must be a whole number of days 1..36500, got "0"/,
    ],
    [['token', 'revoke'], /token revoke needs an ID/],
    [['user', 'add'], /user add needs a NAME/],
    [['user', 'launch'], /unknown user action "launch"/],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  describe('with a data folder', () => {
    let data: string;
    beforeEach(() => {
      data = mkdtempSync(path.join(tmpdir(), 'hearth-cli-'));
    });
    afterEach(() => rmSync(data, { recursive: true, force: true }));

    const hearth = (args: string[], input?: string) => runCli([...args, '--data', data], {}, { input });

    it('refuses to make a token before there is a user', async () => {
      const created = await hearth(['token', 'create', '--name', 'phone']);
      expect(created.code).toBe(2);
      expect(created.stderr).toContain('no user yet: create the owner first');
    });

    it('adds users with a password from standard input, the first as owner, and lists them', async () => {
      expect((await hearth(['user', 'add', 'ada'], 'correct horse battery\n')).stdout).toBe(
        'added ada (owner)\n',
      );
      expect((await hearth(['user', 'add', 'bob'], 'another password\n')).stdout).toBe('added bob\n');
      const listed = await hearth(['user', 'list']);
      expect(listed.stdout).toMatch(
        /^ada\towner\tpassword\tcreated \S+\nbob\tuser\tpassword\tcreated \S+\n$/,
      );
      expect(listed.stdout).not.toContain('horse');
      const db = readFileSync(path.join(data, 'hearth.db'));
      expect(db.includes('correct horse battery')).toBe(false);
    });

    it.each([
      [['user', 'add', 'ada'], 'short\n', /the password must be at least 8 characters/],
      [['user', 'add', 'ada'], '', /no password on standard input/],
      [['user', 'passwd', 'nobody'], 'correct horse battery\n', /no user named "nobody"/],
      [['user', 'remove', 'nobody'], '', /no user named "nobody"/],
    ])('refuses %j with one line and exit code 2', async (args, input, message) => {
      const { code, stderr } = await hearth(args, input);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });

    it('keeps the last owner, removes another user, and changes a password', async () => {
      await hearth(['user', 'add', 'ada'], 'correct horse battery\n');
      await hearth(['user', 'add', 'bob'], 'another password\n');
      expect((await hearth(['user', 'remove', 'ada'])).stderr).toContain(
        '"ada" is the last owner and cannot be removed',
      );
      expect((await hearth(['user', 'remove', 'bob'])).stdout).toBe('removed bob, with their tokens\n');
      expect((await hearth(['user', 'passwd', 'ada'], 'a new password\n')).stdout).toBe(
        'password changed for ada; 0 sessions logged out\n',
      );
    });

    it('prints a new token and nothing else, lists it by name, and revokes it', async () => {
      await hearth(['user', 'add', 'ada'], 'correct horse battery\n');
      const created = await hearth(['token', 'create', '--name', 'phone']);
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
      const listed = await hearth(['token', 'list']);
      expect(listed.stdout).toMatch(
        /^[0-9a-f-]{36}\tphone\tlong_lived\tada\tcreated \S+\tlast used never\n$/,
      );
      expect(listed.stdout).not.toContain(created.stdout.trim());
      const revoked = await hearth(['token', 'revoke', 'phone']);
      expect(revoked.stdout).toMatch(/^revoked phone \([0-9a-f-]{36}\)\n$/);
      expect((await hearth(['token', 'list'])).stdout).toBe('');
      expect((await hearth(['token', 'revoke', 'phone'])).stderr).toContain('no token "phone"');
    });
  });
});
