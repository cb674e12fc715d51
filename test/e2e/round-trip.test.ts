import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { HubOnBroker } from '../helpers/start-hub-on-broker.ts';
import { BROKER_KINDS, startHubOnBroker } from '../helpers/start-hub-on-broker.ts';
import { startTestSim } from '../helpers/start-test-hub.ts';

type State = {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  context: { id: string };
};

describe.each(BROKER_KINDS)('the round trip: panel → hub → device → hub → every panel (%s)', (broker) => {
  let hub: HubOnBroker;
  let sim: RunningProcess;
  let a: HubClient;
  let b: HubClient;
  let light: State;

  beforeAll(async () => {
    hub = await startHubOnBroker(broker);
    sim = await startTestSim(hub.mqttUrl);
    a = await HubClient.connect(hub.wsUrl, hub.token);
    b = await HubClient.connect(hub.wsUrl, hub.token);
    // Discovery is asynchronous: wait until the simulated house is in the hub.
    for (let i = 0; i < 100; i++) {
      const states = (await a.command({ type: 'get_states' })).result as State[];
      const found = states.find(
        (s) => s.entity_id.startsWith('light.') && s.state !== 'unavailable' && s.state !== 'unknown',
      );
      if (found && states.length >= 7) {
        light = found;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(light, 'a simulated light was discovered').toBeDefined();
  });

  afterAll(async () => {
    a?.close();
    b?.close();
    await sim?.stop();
    await hub?.stop();
  });

  it('discovers every kind of device of the simulated house', async () => {
    const states = (await a.command({ type: 'get_states' })).result as State[];
    const domains = new Set(states.map((s) => s.entity_id.split('.')[0]));
    expect([...domains].sort()).toEqual([
      'binary_sensor',
      'button',
      'climate',
      'cover',
      'fan',
      'light',
      'lock',
      'number',
      'select',
      'sensor',
      'switch',
    ]);
    const temperature = states.find((s) => s.attributes.device_class === 'temperature');
    expect(temperature?.attributes.unit_of_measurement).toBe('°C');
    expect(Number(temperature?.state)).not.toBeNaN();
  });

  it('sends light.toggle to the device, pushes the change to both clients, and answers with its context', async () => {
    const observer = await mqtt.connectAsync(hub.mqttUrl, { clientId: 'test-observer' });
    const commands: { topic: string; payload: string }[] = [];
    observer.on('message', (topic, payload) => commands.push({ topic, payload: payload.toString() }));
    await observer.subscribeAsync('hearth/+/set');

    await a.command({ type: 'subscribe_events', event_type: 'state_changed' });
    await b.command({ type: 'subscribe_events', event_type: 'state_changed' });
    const before = light.state;
    const expected = before === 'on' ? 'off' : 'on';

    const result = await a.command({
      type: 'call_service',
      domain: 'light',
      service: 'toggle',
      target: { entity_id: light.entity_id },
    });
    expect(result.success).toBe(true);
    const context = (result.result as { context: { id: string; user_id: string | null } }).context;
    expect(context.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(context.user_id).toBeTruthy();

    const isChange = (m: Record<string, unknown>) =>
      m.type === 'event' && (m.event as { data: { entity_id: string } }).data.entity_id === light.entity_id;
    for (const client of [a, b]) {
      const event = (await client.next(isChange)).event as {
        data: { new_state: State };
        context: { id: string };
      };
      expect(event.data.new_state.state).toBe(expected);
      expect(event.data.new_state.context.id).toBe(context.id);
      expect(event.context.id).toBe(context.id);
    }
    // The observer is a connection of its own: the broker may deliver to it after the device has answered.
    await vi.waitFor(() => expect(commands.length).toBeGreaterThanOrEqual(1));
    expect(JSON.parse(commands[0]?.payload ?? '{}')).toMatchObject({ state: expected.toUpperCase() });
    await observer.endAsync();
  });

  it('sets a brightness and confirms it only when the device reports it', async () => {
    const result = await a.command({
      type: 'call_service',
      domain: 'light',
      service: 'turn_on',
      service_data: { brightness: 77 },
      target: { entity_id: light.entity_id },
    });
    expect(result.success).toBe(true);
    const state = ((await a.command({ type: 'get_states' })).result as State[]).find(
      (s) => s.entity_id === light.entity_id,
    );
    expect(state?.state).toBe('on');
    expect(state?.attributes.brightness).toBe(77);
  });

  it('toggles a switch', async () => {
    const states = (await a.command({ type: 'get_states' })).result as State[];
    const plug = states.find((s) => s.entity_id.startsWith('switch.'));
    expect(plug).toBeDefined();
    const target = plug?.state === 'on' ? 'off' : 'on';
    const result = await a.command({
      type: 'call_service',
      domain: 'switch',
      service: `turn_${target}`,
      target: { entity_id: plug?.entity_id },
    });
    expect(result.success).toBe(true);
    const after = ((await a.command({ type: 'get_states' })).result as State[]).find(
      (s) => s.entity_id === plug?.entity_id,
    );
    expect(after?.state).toBe(target);
  });

  it('streams compressed entity updates to subscribe_entities', async () => {
    const sub = b.sendCommand({ type: 'subscribe_entities' });
    const snapshot = (await b.next((m) => m.id === sub && m.type === 'event')).event as {
      a: Record<string, { s: string }>;
    };
    expect(snapshot.a[light.entity_id]).toBeDefined();
    await a.command({
      type: 'call_service',
      domain: 'light',
      service: 'turn_off',
      target: { entity_id: light.entity_id },
    });
    const change = (await b.next((m) => m.id === sub && m.type === 'event')).event as {
      c: Record<string, { '+': { s?: string } }>;
    };
    expect(change.c[light.entity_id]?.['+'].s).toBe('off');
  });
});
