import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubHealth } from '../../hub/protocol/hub-health.ts';
import { hubHealth } from '../../hub/protocol/hub-health.ts';
import type { LogLine } from '../../hub/protocol/log-lines.ts';
import { logLine } from '../../hub/protocol/log-lines.ts';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { runCli } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

const LAMP = 'light.living_room_lamp';
/** `hearth sim --house demo`. */
const DEMO_HOUSE_DEVICES = 15;
/** Device events take a reading or two (2 s apart) to show, more on a loaded machine. */
const WAIT_MS = 30_000;

/** The next event of subscription `id` whose payload passes `check`. */
async function nextEvent<T>(
  client: HubClient,
  id: number,
  check: (event: T) => boolean = () => true,
): Promise<T> {
  const message = await client.next((m) => m.type === 'event' && m.id === id && check(m.event as T), WAIT_MS);
  return message.event as T;
}

describe('hearth/health/subscribe: the hub health the panel shows', () => {
  let hub: TestHub;
  let house: RunningProcess;
  let client: HubClient;
  let subscription: number;
  let first: HubHealth;

  beforeAll(async () => {
    hub = await startTestHub();
    house = await startTestSim(hub.mqttUrl);
    client = await HubClient.connect(hub.wsUrl, hub.token);
    const answer = await client.command({ type: 'hearth/health/subscribe' });
    expect(answer.success).toBe(true);
    subscription = answer.id as number;
    // Every device of the demo house discovered and online: the figures the tests compare against.
    first = await nextEvent<HubHealth>(
      client,
      subscription,
      (h) => h.devices.total === DEMO_HOUSE_DEVICES && h.devices.online === DEMO_HOUSE_DEVICES,
    );
  });

  afterAll(async () => {
    client?.close();
    await house?.stop();
    await hub?.stop();
  });

  it('answers a snapshot in its schema, agreeing with /metrics', async () => {
    expect(hubHealth.parse(first)).toEqual(first);
    expect(first.broker).toMatchObject({ kind: 'embedded', connected: true });
    expect(first.broker.clients).toBeGreaterThanOrEqual(first.devices.total);
    expect(first.websocket_connections).toBe(1);
    expect(first.entities.online).toBeGreaterThan(first.devices.online);
    const metrics = await (await fetch(`${hub.httpUrl}/metrics`)).text();
    expect(metrics).toContain(`hearth_devices ${first.devices.total}\n`);
    expect(metrics).toContain(`hearth_devices_online ${first.devices.online}\n`);
  });

  it('counts devices that come online and go offline', async () => {
    const before = first.devices;
    const extra = await startTestSim(hub.mqttUrl, ['--house', 'none', '--devices', '2', '--no-liveliness']);
    try {
      const online = await nextEvent<HubHealth>(
        client,
        subscription,
        (h) => h.devices.online === before.online + 2,
      );
      expect(online.devices.total).toBe(before.total + 2);
    } finally {
      await extra.stop();
    }
    const offline = await nextEvent<HubHealth>(
      client,
      subscription,
      (h) => h.devices.online === before.online,
    );
    expect(offline.devices.total).toBe(before.total + 2);
    expect(offline.entities.online).toBe(first.entities.online);
  });

  it('grows the round-trip histogram with each confirmed command', async () => {
    const confirmedBefore = first.round_trip.confirmed.reduce((a, b) => a + b, 0);
    for (let i = 0; i < 3; i++) {
      const answer = await client.command({
        type: 'call_service',
        domain: 'light',
        service: 'toggle',
        target: { entity_id: LAMP },
      });
      expect(answer.success).toBe(true);
    }
    const after = await nextEvent<HubHealth>(
      client,
      subscription,
      (h) => h.round_trip.count >= first.round_trip.count + 3,
    );
    expect(after.round_trip.confirmed.reduce((a, b) => a + b, 0)).toBe(confirmedBefore + 3);
    expect(after.round_trip.confirmed).toHaveLength(after.round_trip.bounds_ms.length + 1);
    expect(after.round_trip.sum_ms).toBeGreaterThan(0);
    const metrics = await (await fetch(`${hub.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(
        `^hearth_command_round_trip_seconds_count\\{outcome="confirmed"\\} ${after.round_trip.count}$`,
        'm',
      ),
    );
  });

  it('stops after unsubscribe_events', async () => {
    expect((await client.command({ type: 'unsubscribe_events', subscription })).success).toBe(true);
    client.messages.length = 0;
    // A second subscription's second reading: by then the first would have sent one had it lived on.
    const other = (await client.command({ type: 'hearth/health/subscribe' })).id as number;
    await nextEvent(client, other);
    await nextEvent(client, other);
    expect(client.messages.filter((m) => m.type === 'event' && m.id === subscription)).toEqual([]);
  });
});

describe('hearth/logs/subscribe: the hub log for the owner', () => {
  let hub: TestHub;
  let owner: HubClient;

  const addUser = (name: string) =>
    owner.command({ type: 'hearth/users/create', name, password: 'long enough pass' });

  beforeAll(async () => {
    hub = await startTestHub({ env: { HEARTH_LOG_LEVEL: 'info' } });
    owner = await HubClient.connect(hub.wsUrl, hub.token);
  });

  afterAll(async () => {
    owner?.close();
    await hub?.stop();
  });

  it('sends the lines logged before, then each new line as it is logged', async () => {
    expect((await addUser('grace')).success).toBe(true);
    const answer = await owner.command({ type: 'hearth/logs/subscribe' });
    expect(answer.success).toBe(true);
    const id = answer.id as number;
    const earlier = await nextEvent<{ lines: LogLine[] }>(owner, id);
    for (const line of earlier.lines) expect(logLine.parse(line)).toEqual(line);
    expect(earlier.lines).toContainEqual(
      expect.objectContaining({ level: 'info', module: 'api', msg: 'auth: tester added the user grace' }),
    );

    expect((await addUser('heidi')).success).toBe(true);
    const live = await nextEvent<{ lines: LogLine[] }>(owner, id);
    expect(live.lines).toEqual([
      { time: expect.any(String), level: 'info', module: 'api', msg: 'auth: tester added the user heidi' },
    ]);
    expect(Date.parse(live.lines[0]?.time ?? '')).not.toBeNaN();

    expect((await owner.command({ type: 'unsubscribe_events', subscription: id })).success).toBe(true);
    await addUser('ivan');
    await owner.command({ type: 'ping' });
    expect(owner.messages.filter((m) => m.type === 'event' && m.id === id)).toEqual([]);
  });

  it('sends only lines at or above the level asked for', async () => {
    const answer = await owner.command({ type: 'hearth/logs/subscribe', level: 'warn' });
    const id = answer.id as number;
    const earlier = await nextEvent<{ lines: LogLine[] }>(owner, id);
    expect(earlier.lines.filter((line) => line.level === 'info')).toEqual([]);
    await addUser('judy');
    // A socket that does not authenticate first is refused with a warning.
    const stranger = await HubClient.open(hub.wsUrl);
    await stranger.next((m) => m.type === 'auth_required');
    stranger.sendRaw(JSON.stringify({ type: 'ping', id: 1 }));
    await stranger.closed();
    const live = await nextEvent<{ lines: LogLine[] }>(owner, id);
    expect(live.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringContaining('the first message was no auth message'),
      }),
    ]);
    await owner.command({ type: 'unsubscribe_events', subscription: id });
  });

  it('refuses a user who is not the owner, who still sees the health', async () => {
    const token = (
      await runCli(['token', 'create', '--name', 'x', '--user', 'grace', '--data', hub.dataDir])
    ).stdout.trim();
    const grace = await HubClient.connect(hub.wsUrl, token);
    try {
      const refused = await grace.command({ type: 'hearth/logs/subscribe' });
      expect(refused).toMatchObject({ success: false, error: { code: 'unauthorized' } });
      expect((await grace.command({ type: 'hearth/health/subscribe' })).success).toBe(true);
    } finally {
      grace.close();
    }
  });

  it('answers a level it does not know with invalid_format', async () => {
    const answer = await owner.command({ type: 'hearth/logs/subscribe', level: 'loud' });
    expect(answer).toMatchObject({ success: false, error: { code: 'invalid_format' } });
  });
});
