import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSwitch } from '../helpers/hand-written-switch.ts';
import { HubClient } from '../helpers/hub-client.ts';
import type { HubOnBroker } from '../helpers/start-hub-on-broker.ts';
import { BROKER_KINDS, startHubOnBroker } from '../helpers/start-hub-on-broker.ts';

describe.each(BROKER_KINDS)('a device that fails to confirm (%s)', (broker) => {
  let hub: HubOnBroker;
  let client: HubClient;

  beforeAll(async () => {
    // The bound comes from the environment, as HEARTH_* overrides any config key.
    hub = await startHubOnBroker(broker, { env: { HEARTH_COMMAND_TIMEOUT_MS: '400' } });
    client = await HubClient.connect(hub.wsUrl, hub.token);
  });

  afterAll(async () => {
    client?.close();
    await hub?.stop();
  });

  const waitForState = async (entityId: string, state: string) => {
    for (let i = 0; i < 100; i++) {
      const states = (await client.command({ type: 'get_states' })).result as {
        entity_id: string;
        state: string;
      }[];
      if (states.find((s) => s.entity_id === entityId)?.state === state) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${entityId} never became ${state}`);
  };

  it('answers device_timeout when the device never reports, and fakes no state', async () => {
    const device = await announceSwitch(hub.mqttUrl, 'mute_relay');
    // State is not retained: report it once the hub has the entity, and so its state topic.
    await waitForState('switch.mute_relay', 'unknown');
    await device.publishAsync('mute_relay', 'OFF');
    await waitForState('switch.mute_relay', 'off');
    const answer = await client.command({
      type: 'call_service',
      domain: 'switch',
      service: 'turn_on',
      target: { entity_id: 'switch.mute_relay' },
    });
    expect(answer.success).toBe(false);
    expect((answer.error as { code: string }).code).toBe('device_timeout');
    await waitForState('switch.mute_relay', 'off');
    await device.endAsync();
  });

  it('answers device_unavailable at once when the device is offline', async () => {
    const device = await announceSwitch(hub.mqttUrl, 'offline_relay');
    // State is not retained: report it once the hub has the entity, and so its state topic.
    await waitForState('switch.offline_relay', 'unknown');
    await device.publishAsync('offline_relay', 'OFF');
    await device.publishAsync('offline_relay/availability', 'offline', { retain: true });
    await waitForState('switch.offline_relay', 'unavailable');
    const answer = await client.command({
      type: 'call_service',
      domain: 'switch',
      service: 'toggle',
      target: { entity_id: 'switch.offline_relay' },
    });
    expect((answer.error as { code: string }).code).toBe('device_unavailable');
    await device.endAsync();
  });

  it('answers device_unavailable when the device vanishes mid-command (its will fires)', async () => {
    const device = await announceSwitch(hub.mqttUrl, 'vanishing_relay');
    // State is not retained: report it once the hub has the entity, and so its state topic.
    await waitForState('switch.vanishing_relay', 'unknown');
    await device.publishAsync('vanishing_relay', 'OFF');
    await waitForState('switch.vanishing_relay', 'off');
    // The device drops off the network as the command reaches it: no clean DISCONNECT, so the broker publishes its will.
    device.on('message', () => device.stream.destroy());
    await device.subscribeAsync('vanishing_relay/set');
    const answer = await client.command({
      type: 'call_service',
      domain: 'switch',
      service: 'turn_on',
      target: { entity_id: 'switch.vanishing_relay' },
    });
    expect((answer.error as { code: string }).code).toBe('device_unavailable');
    await waitForState('switch.vanishing_relay', 'unavailable');
  });

  it('keeps serving the others meanwhile', async () => {
    expect((await client.command({ type: 'ping' })).type).toBe('pong');
  });
});
