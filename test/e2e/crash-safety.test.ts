import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

const KILLS = 20;
const SENSOR = 'sensor.crash_counter';
/** What the recorder promises: everything up to the last second before a crash is on disk. */
const PROMISE_MS = 1000;

interface Observed {
  receivedAt: number;
  lastUpdatedMs: number;
  state: string;
}

/** A device reporting a counter every 20 ms: a steady stream of state changes. */
async function counterDevice(mqttUrl: string, start: number): Promise<{ stop(): Promise<void> }> {
  const device: MqttClient = await mqtt.connectAsync(mqttUrl, {
    clientId: `crash-counter-${start}`,
    reconnectPeriod: 0,
  });
  device.on('error', () => {});
  await device.publishAsync(
    'homeassistant/sensor/crash/counter/config',
    JSON.stringify({
      name: 'Crash counter',
      unique_id: 'crash-counter',
      state_topic: 'crash/counter',
      state_class: 'measurement',
      unit_of_measurement: 'n',
    }),
    { retain: true, qos: 1 },
  );
  let value = start;
  const timer = setInterval(() => {
    if (device.connected) device.publish('crash/counter', String(value++));
  }, 20);
  return {
    async stop() {
      clearInterval(timer);
      device.end(true);
    },
  };
}

describe('crash safety: SIGKILL at random moments under load', () => {
  let hub: TestHub | undefined;

  afterAll(async () => {
    await hub?.stop();
  });

  it(`loses no acknowledged registry edit and no history older than a second, ${KILLS} kills in a row`, async () => {
    const ackedAreas: string[] = [];
    let counter = 0;
    for (let kill = 1; kill <= KILLS; kill++) {
      hub = await startTestHub(hub ? { restartOf: hub } : {});
      const client = await HubClient.connect(hub.wsUrl, hub.token);
      const observer = await HubClient.connect(hub.wsUrl, hub.token);
      const seen: Observed[] = [];
      observer.socket.on('message', (data) => {
        const receivedAt = Date.now();
        const parsed = JSON.parse(data.toString()) as unknown;
        for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
          const state = message?.event?.data?.new_state;
          if (message?.type === 'event' && state?.entity_id === SENSOR)
            seen.push({ receivedAt, lastUpdatedMs: Date.parse(state.last_updated), state: state.state });
        }
      });
      await observer.command({ type: 'subscribe_events', event_type: 'state_changed' });
      const device = await counterDevice(hub.mqttUrl, counter);
      counter += 100_000;
      while (!(await client.command({ type: 'config/entity_registry/get', entity_id: SENSOR })).success)
        await new Promise((r) => setTimeout(r, 20));

      // Registry edits, one after the other, each acknowledged before the next.
      let lastAckedName: string | null = null;
      let editing = true;
      const edits = (async () => {
        for (let n = 0; editing; n++) {
          const name = `edit ${kill}-${n}`;
          const renamed = client.command({ type: 'config/entity_registry/update', entity_id: SENSOR, name });
          const area = `Room ${kill}-${n}`;
          const created = client.command({ type: 'config/area_registry/create', name: area });
          const [rename, create] = await Promise.allSettled([renamed, created]);
          if (rename.status === 'fulfilled' && rename.value.success) lastAckedName = name;
          if (create.status === 'fulfilled' && create.value.success) ackedAreas.push(area);
          if (rename.status === 'rejected' || create.status === 'rejected') return; // the hub is gone
        }
      })();

      await new Promise((r) => setTimeout(r, 300 + Math.random() * 1200));
      const killedAt = Date.now();
      hub.process.child.kill('SIGKILL');
      await new Promise((resolve) => hub?.process.child.once('exit', resolve));
      editing = false;
      await edits;
      await device.stop();
      client.close();
      observer.close();

      const db = new BetterSqlite3(path.join(hub.dataDir, 'hearth.db'));
      try {
        expect(db.pragma('integrity_check', { simple: true }), `kill ${kill}`).toBe('ok');
        const entry = db
          .prepare("SELECT data FROM registry_entries WHERE registry = 'entity' AND id = ?")
          .get(SENSOR) as { data: string };
        const name = (JSON.parse(entry.data) as { name: string }).name;
        if (lastAckedName) {
          const [, acked] = (lastAckedName as string).split('-');
          const [, kept] = name.split('-');
          // The acknowledged edit, or one sent after it that made it to disk before the kill.
          expect(name.startsWith(`edit ${kill}-`), `kill ${kill}: ${name}`).toBe(true);
          expect(Number(kept), `kill ${kill}: ${name} after ${lastAckedName}`).toBeGreaterThanOrEqual(
            Number(acked),
          );
        }
        const areas = new Set(
          (
            db.prepare("SELECT data FROM registry_entries WHERE registry = 'area'").all() as {
              data: string;
            }[]
          ).map((row) => (JSON.parse(row.data) as { name: string }).name),
        );
        for (const area of ackedAreas) expect(areas.has(area), `kill ${kill}: area ${area}`).toBe(true);

        const recorded = new Set(
          (
            db
              .prepare(
                `SELECT s.state, s.last_updated_ms AS ms FROM states s
                   JOIN states_meta m ON m.metadata_id = s.metadata_id WHERE m.entity_id = ?`,
              )
              .all(SENSOR) as { state: string; ms: number }[]
          ).map((row) => `${row.ms} ${row.state}`),
        );
        const due = seen.filter((s) => s.receivedAt < killedAt - PROMISE_MS);
        const missing = due.filter((s) => !recorded.has(`${s.lastUpdatedMs} ${s.state}`));
        expect(
          missing,
          `kill ${kill}: ${missing.length} of ${due.length} states older than a second are missing`,
        ).toEqual([]);
      } finally {
        db.close();
      }
    }
    // And the hub comes back from all that.
    hub = await startTestHub({ restartOf: hub });
    const client = await HubClient.connect(hub.wsUrl, hub.token);
    const areas = (await client.command({ type: 'config/area_registry/list' })).result as { name: string }[];
    expect(areas.length).toBeGreaterThanOrEqual(ackedAreas.length);
    client.close();
  }, 600_000);
});
