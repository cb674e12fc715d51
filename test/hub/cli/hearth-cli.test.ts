import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

describe('the hearth program', () => {
  it.each(['start', 'demo', 'sim', 'token'])('prints help for %s and exits 0', async (command) => {
    const { code, stdout } = await runCli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`hearth ${command}`);
  });

  it('lists its commands', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['start', 'demo', 'sim', 'token']) expect(stdout).toContain(command);
  });

  it.each([
    [['bogus'], /unknown command "bogus"/],
    [['start', '--http-port', '70000'], /--http-port must be a port number 0..65535, got "70000"/],
    [['start', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['start', '--mqtt-url', 'http://x'], /mqttUrl: must start with mqtt:\/\//],
    [['token', 'create'], /token create needs --name NAME/],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints a new token and nothing else, and lists it by name', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'hearth-cli-'));
    try {
      const created = await runCli(['token', 'create', '--name', 'phone', '--data', data]);
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
      const listed = await runCli(['token', 'list', '--data', data]);
      expect(listed.stdout).toContain('phone\tlong_lived');
      expect(listed.stdout).not.toContain(created.stdout.trim());
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
