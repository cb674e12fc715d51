import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import { parsePrometheusText } from '../helpers/parse-prometheus-text.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';
import { TestDevice } from '../helpers/test-device.ts';

describe('GET /metrics', () => {
  let hub: TestHub;
  let device: TestDevice;
  let client: HubClient;

  const scrape = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${hub.httpUrl}/metrics`, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  };
  const waitFor = async (check: () => Promise<boolean>) => {
    while (!(await check())) await new Promise((r) => setTimeout(r, 50));
  };

  beforeAll(async () => {
    hub = await startTestHub();
    client = await HubClient.connect(hub.wsUrl, hub.token);
    device = await TestDevice.connect(hub.mqttUrl, 'metrics_plug', { component: 'switch', initial: 'OFF' });
    await waitFor(async () => {
      const states = (await client.command({ type: 'get_states' })).result as { entity_id: string }[];
      return states.some((s) => s.entity_id === 'switch.metrics_plug');
    });
  });

  afterAll(async () => {
    client?.close();
    await device?.close();
    await hub?.stop();
  });

  it('parses as Prometheus text and its figures move when a device talks and a toggle is confirmed', async () => {
    const before = await scrape();
    expect(before.get('hearth_websocket_connections')).toBe(1);
    expect(before.get('hearth_mqtt_broker_clients')).toBe(1);
    expect(before.get('hearth_devices_online')).toBe(1);
    expect(before.get('hearth_entities_online')).toBe(1);
    expect(before.get('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(before.has('hearth_recorder_queue_length')).toBe(true);

    const toggled = await client.command({
      type: 'call_service',
      domain: 'switch',
      service: 'toggle',
      target: { entity_id: 'switch.metrics_plug' },
    });
    expect(toggled.success).toBe(true);
    device.report('OFF');

    let after = await scrape();
    await waitFor(async () => {
      after = await scrape();
      return (
        (after.get('hearth_mqtt_messages_received_total') ?? 0) >=
        (before.get('hearth_mqtt_messages_received_total') ?? 0) + 2
      );
    });
    const moved = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
    expect(moved('hearth_websocket_messages_received_total')).toBeGreaterThanOrEqual(1);
    expect(moved('hearth_websocket_messages_sent_total')).toBeGreaterThanOrEqual(1);
    expect(moved('hearth_mqtt_messages_sent_total')).toBeGreaterThanOrEqual(1);
    expect(moved('hearth_command_round_trip_seconds_count{outcome="confirmed"}')).toBe(1);
    expect(after.get('hearth_command_round_trip_seconds_bucket{le="+Inf",outcome="confirmed"}')).toBe(1);
  });

  it('times a command made over REST as one made over the WebSocket, and a refused call not at all', async () => {
    const count = async () =>
      (await scrape()).get('hearth_command_round_trip_seconds_count{outcome="confirmed"}') ?? 0;
    const before = await count();
    const post = (body: object) =>
      fetch(`${hub.httpUrl}/api/services/switch/toggle`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${hub.token}` },
        body: JSON.stringify(body),
      });
    expect((await post({ entity_id: 'switch.metrics_plug' })).status).toBe(200);
    expect((await post({ entity_id: 'switch.no_such_plug' })).status).not.toBe(200);
    const after = await scrape();
    expect(after.get('hearth_command_round_trip_seconds_count{outcome="confirmed"}')).toBe(before + 1);
    expect(after.get('hearth_command_round_trip_seconds_count{outcome="failed"}') ?? 0).toBe(0);
  });

  it('counts a device that leaves', async () => {
    await device.client.endAsync();
    await waitFor(async () => (await scrape()).get('hearth_mqtt_broker_clients') === 0);
    device = await TestDevice.connect(hub.mqttUrl, 'metrics_plug', { component: 'switch', initial: 'OFF' });
  });
});
