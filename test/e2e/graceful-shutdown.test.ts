import { once } from 'node:events';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { MqttClient } from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { announceSwitch } from '../helpers/hand-written-switch.ts';
import { HubClient } from '../helpers/hub-client.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

const pause = () => new Promise((r) => setTimeout(r, 50));

/** A switch that records its commands without applying them: the test confirms. */
async function quietSwitch(url: string, name: string): Promise<{ device: MqttClient; commands: string[] }> {
  const device = await announceSwitch(url, name);
  const commands: string[] = [];
  device.on('message', (_topic, payload) => commands.push(payload.toString()));
  await device.subscribeAsync(`${name}/set`, { qos: 1 });
  return { device, commands };
}

describe('graceful shutdown on SIGTERM', () => {
  let hub: TestHub | undefined;
  const devices: MqttClient[] = [];

  afterAll(async () => {
    for (const device of devices) await device.endAsync(true);
    await hub?.stop();
  });

  it('answers the commands in flight, tells the panels, and leaves a sound database with the last states', async () => {
    hub = await startTestHub();
    const client = await HubClient.connect(hub.wsUrl, hub.token);
    const late = await quietSwitch(hub.mqttUrl, 'late_lamp');
    const silent = await quietSwitch(hub.mqttUrl, 'silent_lamp');
    devices.push(late.device, silent.device);
    const stateOf = async (entityId: string) =>
      ((await client.command({ type: 'get_states' })).result as { entity_id: string; state: string }[]).find(
        (s) => s.entity_id === entityId,
      )?.state;
    // State is not retained: report it once the hub has the entity, and so its state topic.
    for (const [entityId, { device }] of [
      ['switch.late_lamp', late],
      ['switch.silent_lamp', silent],
    ] as const) {
      while ((await stateOf(entityId)) !== 'unknown') await pause();
      await device.publishAsync(entityId.slice('switch.'.length), 'OFF', { qos: 1 });
      while ((await stateOf(entityId)) !== 'off') await pause();
    }

    const turnOn = (entity_id: string) =>
      client.command({ type: 'call_service', domain: 'switch', service: 'turn_on', target: { entity_id } });
    const lateAnswer = turnOn('switch.late_lamp');
    const silentAnswer = turnOn('switch.silent_lamp');
    while (late.commands.length === 0 || silent.commands.length === 0) await pause();
    const closed = once(client.socket, 'close') as Promise<[number, Buffer]>;

    const { child } = hub.process;
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill('SIGTERM');
    // Stopping, but still waiting for the devices: the late one confirms now.
    for (;;) {
      const health = await fetch(`${hub.httpUrl}/api/health`);
      if (((await health.json()) as { status: string }).status === 'stopping') break;
      await pause();
    }
    await late.device.publishAsync('late_lamp', 'ON', { qos: 1 });

    expect(await lateAnswer).toMatchObject({ success: true });
    expect(await silentAnswer).toMatchObject({
      success: false,
      error: { code: 'device_unavailable', message: 'the hub is stopping' },
    });
    const [code, reason] = await closed;
    expect([code, reason.toString()]).toEqual([1001, 'hub stopping']);
    expect((await exited)[0]).toBe(0);

    const db = new BetterSqlite3(path.join(hub.dataDir, 'hearth.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const last = db
        .prepare(
          `SELECT state FROM states JOIN states_meta USING (metadata_id)
           WHERE entity_id = ? ORDER BY state_id DESC LIMIT 1`,
        )
        .pluck();
      expect(last.get('switch.late_lamp')).toBe('on');
      expect(last.get('switch.silent_lamp')).toBe('off');
    } finally {
      db.close();
    }
  });
});
