import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestMosquitto } from '../helpers/start-mosquitto.ts';
import { startMosquitto } from '../helpers/start-mosquitto.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';
import { TestDevice } from '../helpers/test-device.ts';

type State = { entity_id: string; state: string };
type Message = Record<string, unknown>;

/** Two hubs, each with its own database, on one Mosquitto with the simulated house. */
describe('two hubs on one broker', () => {
  let mosquitto: TestMosquitto;
  let sim: RunningProcess;
  let hubA: TestHub;
  let hubB: TestHub;
  let a: HubClient;
  let b: HubClient;
  let observer: MqttClient;
  let relay: TestDevice;
  const births: string[] = [];
  const RELAY = 'switch.shared_relay';

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    sim = await startTestSim(mosquitto.url);
    [hubA, hubB] = await Promise.all([
      startTestHub({ args: ['--mqtt-url', mosquitto.url] }),
      startTestHub({ args: ['--mqtt-url', mosquitto.url] }),
    ]);
    [a, b] = await Promise.all([
      HubClient.connect(hubA.wsUrl, hubA.token),
      HubClient.connect(hubB.wsUrl, hubB.token),
    ]);
    relay = await TestDevice.connect(mosquitto.url, 'shared_relay', { component: 'switch', initial: 'OFF' });
    observer = await mqtt.connectAsync(mosquitto.url, { clientId: 'two-hubs-observer' });
    observer.on('message', (_topic, payload) => births.push(payload.toString()));
    await observer.subscribeAsync('homeassistant/status');
    await Promise.all([live(a), live(b)]);
    await a.command({ type: 'subscribe_events', event_type: 'state_changed' });
    await b.command({ type: 'subscribe_events', event_type: 'state_changed' });
  });

  afterAll(async () => {
    a?.close();
    b?.close();
    await observer?.endAsync();
    await relay?.close();
    await sim?.stop();
    await hubA?.stop();
    await hubB?.stop();
    await mosquitto?.stop();
  });

  /** Waits until the hub has the relay's state and the simulated house's lights. */
  async function live(client: HubClient): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const states = (await client.command({ type: 'get_states' })).result as State[];
      const known = (s: State) => s.state === 'on' || s.state === 'off';
      if (
        states.some((s) => s.entity_id.startsWith('light.') && known(s)) &&
        states.some((s) => s.entity_id === RELAY && known(s))
      )
        return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the hub never had the whole house');
  }

  const stateOf = async (client: HubClient, entityId: string) =>
    ((await client.command({ type: 'get_states' })).result as State[]).find((s) => s.entity_id === entityId);
  const changeOf = (entityId: string, state: string) => (m: Message) => {
    const data = (m.event as { data?: { entity_id: string; new_state: State | null } } | undefined)?.data;
    return m.type === 'event' && data?.entity_id === entityId && data.new_state?.state === state;
  };
  const toggle = (client: HubClient) =>
    client.command({
      type: 'call_service',
      domain: 'switch',
      service: 'toggle',
      target: { entity_id: RELAY },
    });

  it('sees every device and every state on both hubs', async () => {
    const view = async (client: HubClient) =>
      ((await client.command({ type: 'get_states' })).result as State[])
        .map((s) => `${s.entity_id}=${s.state}`)
        .sort((x, y) => x.localeCompare(y));
    // Each hub's birth makes Tasmota devices report their state, which both hubs then hear.
    const differences = async () => {
      const [fromA, fromB] = await Promise.all([view(a), view(b)]);
      const unknownLights = fromA.filter((s) => s.startsWith('light.') && s.endsWith('=unknown'));
      return {
        onlyA: fromA.filter((s) => !fromB.includes(s)),
        onlyB: fromB.filter((s) => !fromA.includes(s)),
        unknownLights,
        count: fromA.length,
      };
    };
    await expect
      .poll(differences, { timeout: 10_000 })
      .toEqual({ onlyA: [], onlyB: [], unknownLights: [], count: expect.any(Number) });
    expect((await differences()).count).toBeGreaterThanOrEqual(25);
  });

  it("sends a toggle on hub A's panel to the device once, and both hubs report the change", async () => {
    const before = relay.received.length;
    const target = relay.state === 'ON' ? 'off' : 'on';
    expect((await toggle(a)).success).toBe(true);
    await a.next(changeOf(RELAY, target));
    await b.next(changeOf(RELAY, target));

    const back = target === 'on' ? 'off' : 'on';
    expect((await toggle(b)).success).toBe(true);
    await a.next(changeOf(RELAY, back));
    // The broker forwards in the order it receives: a duplicate of A's command, sent by either hub
    // on seeing the change, would have reached the device before B's own command.
    expect(relay.received.slice(before)).toEqual([target, back].map((s) => s.toUpperCase()));
  });

  it('keeps a database per hub: a token of hub A is refused by hub B', async () => {
    await expect(HubClient.connect(hubB.wsUrl, hubA.token)).rejects.toThrow(/auth_invalid/);
  });

  it('gives each hub its own client id, so the broker never disconnects one for the other', () => {
    expect(mosquitto.log()).not.toMatch(/already connected, closing old connection/);
    const ids = [...mosquitto.log().matchAll(/New client connected from \S+ as (hearth-(?!sim-)\S+)/g)].map(
      (m) => m[1],
    );
    expect(new Set(ids).size).toBe(2);
  });

  it("keeps hub B serving when hub A is killed, and A's will harms no device", async () => {
    const before = ((await b.command({ type: 'get_states' })).result as State[]).filter(
      (s) => s.state !== 'unavailable',
    ).length;
    hubA.process.child.kill('SIGKILL');
    // Hub A's will: Home Assistant's `offline`, which devices ignore (they act on `online`).
    await expect.poll(() => births, { timeout: 10_000 }).toContain('offline');
    const target = relay.state === 'ON' ? 'off' : 'on';
    expect((await toggle(b)).success).toBe(true);
    expect((await stateOf(b, RELAY))?.state).toBe(target);
    const after = ((await b.command({ type: 'get_states' })).result as State[]).filter(
      (s) => s.state !== 'unavailable',
    ).length;
    expect(after).toBe(before);
    expect(await (await fetch(`${hubB.httpUrl}/api/health`)).json()).toMatchObject({
      status: 'ok',
      mqtt: 'connected',
    });
  });
});
