import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../../helpers/hub-client.ts';
import { runCli } from '../../../helpers/run-cli.ts';
import type { TestHub } from '../../../helpers/start-test-hub.ts';
import { startTestHub } from '../../../helpers/start-test-hub.ts';

describe('hearth/mqtt_devices/*: the owner manages the credentials devices connect with', () => {
  let hub: TestHub;
  let owner: HubClient;
  let password = '';

  beforeAll(async () => {
    hub = await startTestHub();
    owner = await HubClient.connect(hub.wsUrl, hub.token);
  });

  afterAll(async () => {
    owner?.close();
    await hub?.stop();
  });

  it('adds a device and answers its generated password once; the list never holds it', async () => {
    const created = await owner.command({ type: 'hearth/mqtt_devices/create', username: 'porch-light' });
    expect(created.result).toMatchObject({ username: 'porch-light', password: expect.any(String) });
    password = (created.result as { password: string }).password;
    expect(password.length).toBeGreaterThanOrEqual(24);
    const listed = await owner.command({ type: 'hearth/mqtt_devices/list' });
    expect(listed.result).toEqual([{ username: 'porch-light', created_at: expect.any(String) }]);
    expect(JSON.stringify(listed.result)).not.toContain(password);
    expect((await runCli(['device', 'list', '--data', hub.dataDir])).stdout).toContain('porch-light');
  });

  it('lets the device connect with that password, and refuses another', async () => {
    const device = await mqtt.connectAsync(hub.mqttUrl, {
      username: 'porch-light',
      password,
      reconnectPeriod: 0,
    });
    await device.endAsync();
    await expect(
      mqtt.connectAsync(hub.mqttUrl, { username: 'porch-light', password: 'wrong', reconnectPeriod: 0 }),
    ).rejects.toThrow(/Not authorized|Bad username or password/i);
  });

  it.each([
    [{ username: 'porch-light' }, 'invalid_info', 'already exists'],
    [{ username: 'a/b' }, 'invalid_info', 'must be 1 to 64'],
    [{ username: 'homeassistant' }, 'invalid_info', 'reserved'],
    [{ username: '' }, 'invalid_format', 'username'],
    [{}, 'invalid_format', 'username'],
  ])('refuses %j with %s', async (fields, code, words) => {
    const answer = await owner.command({ type: 'hearth/mqtt_devices/create', ...fields });
    expect(answer.error).toMatchObject({ code });
    expect((answer.error as { message: string }).message).toContain(words);
  });

  it('answers unauthorized to a user who is not the owner', async () => {
    await owner.command({ type: 'hearth/users/create', name: 'guest', password: 'long enough pass' });
    const token = (
      await runCli(['token', 'create', '--name', 'x', '--user', 'guest', '--data', hub.dataDir])
    ).stdout.trim();
    const guest = await HubClient.connect(hub.wsUrl, token);
    try {
      for (const command of [
        { type: 'hearth/mqtt_devices/list' },
        { type: 'hearth/mqtt_devices/create', username: 'sneaky' },
        { type: 'hearth/mqtt_devices/delete', username: 'porch-light' },
      ]) {
        expect((await guest.command(command)).error, command.type).toMatchObject({ code: 'unauthorized' });
      }
    } finally {
      guest.close();
    }
  });

  it('removes a device and disconnects it at once', async () => {
    const device = await mqtt.connectAsync(hub.mqttUrl, {
      username: 'porch-light',
      password,
      reconnectPeriod: 0,
    });
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
    expect(
      (await owner.command({ type: 'hearth/mqtt_devices/delete', username: 'porch-light' })).success,
    ).toBe(true);
    await closed;
    await device.endAsync(true);
    expect((await owner.command({ type: 'hearth/mqtt_devices/list' })).result).toEqual([]);
    expect(
      (await owner.command({ type: 'hearth/mqtt_devices/delete', username: 'porch-light' })).error,
    ).toMatchObject({ code: 'not_found' });
  });
});
