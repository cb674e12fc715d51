import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../../helpers/hub-client.ts';
import { runCli } from '../../../helpers/run-cli.ts';
import type { TestHub } from '../../../helpers/start-test-hub.ts';
import { startTestHub, TEST_USER } from '../../../helpers/start-test-hub.ts';

describe('hearth/users/*: the owner manages who may use the hub', () => {
  let hub: TestHub;
  let owner: HubClient;

  beforeAll(async () => {
    hub = await startTestHub();
    owner = await HubClient.connect(hub.wsUrl, hub.token);
  });

  afterAll(async () => {
    owner?.close();
    await hub?.stop();
  });

  it('lists the users, marking the owner and the one asking', async () => {
    const listed = await owner.command({ type: 'hearth/users/list' });
    expect(listed.result).toEqual([
      expect.objectContaining({ name: TEST_USER.name, is_owner: true, has_password: true, is_current: true }),
    ]);
  });

  it('adds a user with a password, listed by `hearth user list` too', async () => {
    const created = await owner.command({
      type: 'hearth/users/create',
      name: 'grace',
      password: 'long enough pass',
    });
    expect(created).toMatchObject({ success: true, result: { name: 'grace', is_owner: false } });
    const listed = (await owner.command({ type: 'hearth/users/list' })).result as { name: string }[];
    expect(listed.map((u) => u.name)).toEqual([TEST_USER.name, 'grace']);
    const users = await runCli(['user', 'list', '--data', hub.dataDir]);
    expect(users.stdout).toMatch(/^grace\tuser\tpassword/m);
  });

  it.each([
    [{ name: 'grace', password: 'long enough pass' }, 'invalid_info', 'already exists'],
    [{ name: 'ada', password: 'short' }, 'invalid_format', 'password'],
    [{ name: '   ', password: 'long enough pass' }, 'invalid_format', 'name'],
    [{ name: 'ada' }, 'invalid_format', 'password'],
  ])('refuses %j with %s', async (fields, code, words) => {
    const answer = await owner.command({ type: 'hearth/users/create', ...fields });
    expect(answer.success).toBe(false);
    expect(answer.error).toMatchObject({ code });
    expect((answer.error as { message: string }).message).toContain(words);
  });

  it('answers unauthorized to a user who is not the owner, for every users command', async () => {
    const token = (
      await runCli(['token', 'create', '--name', 'x', '--user', 'grace', '--data', hub.dataDir])
    ).stdout.trim();
    const grace = await HubClient.connect(hub.wsUrl, token);
    try {
      for (const command of [
        { type: 'hearth/users/list' },
        { type: 'hearth/users/create', name: 'mallory', password: 'long enough pass' },
        { type: 'hearth/users/delete', name: TEST_USER.name },
      ]) {
        const answer = await grace.command(command);
        expect(answer.error, command.type).toMatchObject({ code: 'unauthorized' });
      }
    } finally {
      grace.close();
    }
    const names = ((await owner.command({ type: 'hearth/users/list' })).result as { name: string }[]).map(
      (u) => u.name,
    );
    expect(names).toEqual([TEST_USER.name, 'grace']);
  });

  it('refuses to remove oneself, and an unknown name', async () => {
    expect((await owner.command({ type: 'hearth/users/delete', name: TEST_USER.name })).error).toMatchObject({
      code: 'invalid_info',
    });
    expect((await owner.command({ type: 'hearth/users/delete', name: 'nobody' })).error).toMatchObject({
      code: 'not_found',
    });
  });

  it('removes a user and closes their open connections at once', async () => {
    const token = (
      await runCli(['token', 'create', '--name', 'y', '--user', 'grace', '--data', hub.dataDir])
    ).stdout.trim();
    const grace = await HubClient.connect(hub.wsUrl, token);
    const closed = new Promise<void>((resolve) => grace.socket.once('close', () => resolve()));
    const answer = await owner.command({ type: 'hearth/users/delete', name: 'grace' });
    expect(answer.success).toBe(true);
    await closed;
    const names = ((await owner.command({ type: 'hearth/users/list' })).result as { name: string }[]).map(
      (u) => u.name,
    );
    expect(names).toEqual([TEST_USER.name]);
  });
});
