import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

describe('hearth device', () => {
  let data: string;
  beforeAll(() => {
    data = mkdtempSync(path.join(tmpdir(), 'hearth-device-'));
  });
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('prints its help and exits 0', async () => {
    const { code, stdout } = await runCli(['device', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('hearth device add NAME');
  });

  it.each([
    [['device', 'add'], /device add needs a NAME/],
    [['device', 'frobnicate', 'x'], /unknown device action "frobnicate"/],
    [['device', 'add', 'a/b'], /device name "a\/b" must be 1 to 64 letters/],
    [['device', 'add', 'lamp+'], /must be 1 to 64 letters/],
    [['device', 'add', 'homeassistant'], /device name "homeassistant" is reserved/],
    [['device', 'add', 'hearth-hub'], /is reserved/],
    [['device', 'list', 'extra'], /unexpected argument "extra"/],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const { code, stderr } = await runCli([...args, '--data', data]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('adds a device once, lists it without its password, and removes it', async () => {
    const added = await runCli(['device', 'add', 'desk-lamp', '--data', data]);
    expect(added.code).toBe(0);
    const password = added.stdout.trim();
    expect(added.stdout).toMatch(/^[A-Za-z0-9_-]{24}\n$/);
    const again = await runCli(['device', 'add', 'desk-lamp', '--data', data]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/device "desk-lamp" already exists/);
    const listed = await runCli(['device', 'list', '--data', data]);
    expect(listed.stdout).toMatch(/^desk-lamp\tcreated \d{4}-/m);
    expect(listed.stdout).not.toContain(password);
    expect((await runCli(['device', 'remove', 'desk-lamp', '--data', data])).code).toBe(0);
    const gone = await runCli(['device', 'remove', 'desk-lamp', '--data', data]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/no device "desk-lamp"/);
  });
});
