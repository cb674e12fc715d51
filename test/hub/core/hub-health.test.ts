import { describe, expect, it } from 'vitest';
import type { DeviceRegistry } from '../../../hub/core/device-registry.ts';
import type { EntityRegistry } from '../../../hub/core/entity-registry.ts';
import type { MetricValue } from '../../../hub/core/hub-health.ts';
import { readHubHealth, roundTripHistogram } from '../../../hub/core/hub-health.ts';
import { HubMetrics } from '../../../hub/core/hub-metrics.ts';
import type { StateMachine } from '../../../hub/core/state-machine.ts';
import type { EntityState } from '../../../hub/protocol/entity-state.ts';
import { hubHealth } from '../../../hub/protocol/hub-health.ts';

const bucket = (le: number | string, outcome: string, value: number): MetricValue => ({
  metricName: 'hearth_command_round_trip_seconds_bucket',
  labels: { le, outcome },
  value,
});

describe('the round-trip histogram for the panel', () => {
  it('turns cumulative buckets in seconds into counts per bucket in ms, per outcome', () => {
    const histogram = roundTripHistogram(
      [0.005, 0.01, 0.1],
      [
        bucket(0.005, 'confirmed', 2),
        bucket(0.01, 'confirmed', 5),
        bucket(0.1, 'confirmed', 5),
        bucket('+Inf', 'confirmed', 6),
        { metricName: 'hearth_command_round_trip_seconds_sum', labels: { outcome: 'confirmed' }, value: 0.5 },
        { metricName: 'hearth_command_round_trip_seconds_count', labels: { outcome: 'confirmed' }, value: 6 },
        bucket(0.005, 'failed', 0),
        bucket(0.01, 'failed', 0),
        bucket(0.1, 'failed', 0),
        bucket('+Inf', 'failed', 1),
        { metricName: 'hearth_command_round_trip_seconds_sum', labels: { outcome: 'failed' }, value: 5 },
        { metricName: 'hearth_command_round_trip_seconds_count', labels: { outcome: 'failed' }, value: 1 },
      ],
    );
    expect(histogram).toEqual({
      bounds_ms: [5, 10, 100],
      confirmed: [2, 3, 0, 1],
      failed: [0, 0, 0, 1],
      count: 7,
      sum_ms: 5500,
    });
  });

  it('is all zeros before the first command', () => {
    expect(roundTripHistogram([0.005, 1], [])).toEqual({
      bounds_ms: [5, 1000],
      confirmed: [0, 0, 0],
      failed: [0, 0, 0],
      count: 0,
      sum_ms: 0,
    });
  });
});

describe('the health reading', () => {
  const states: EntityState[] = [
    { entity_id: 'light.a', state: 'on' },
    { entity_id: 'light.b', state: 'unavailable' },
    { entity_id: 'sensor.c', state: '21' },
  ] as EntityState[];
  const deviceOf: Record<string, string> = { 'light.a': 'dev1', 'light.b': 'dev2', 'sensor.c': 'dev1' };
  const metrics = () =>
    new HubMetrics({
      states: { size: states.length, all: () => states } as unknown as StateMachine,
      entities: { get: (id: string) => ({ device_id: deviceOf[id] }) } as unknown as EntityRegistry,
      devices: { list: () => [{}, {}, {}] } as unknown as DeviceRegistry,
      recorderQueue: () => 4,
    });

  it('reads the same figures /metrics exposes, in the schema the panel expects', async () => {
    const hubMetrics = metrics();
    hubMetrics.traffic.websocketConnections = 2;
    hubMetrics.brokerClients = () => 7;
    hubMetrics.startCommand()('confirmed');
    hubMetrics.startCommand()('failed');
    const health = await readHubHealth({
      metrics: hubMetrics,
      broker: 'embedded',
      link: { connected: true, since: '2026-01-01T00:00:00.000Z' },
      now: Date.now(),
    });
    expect(hubHealth.parse(health)).toEqual(health);
    expect(health).toMatchObject({
      broker: { kind: 'embedded', connected: true, clients: 7 },
      devices: { online: 1, total: 3 },
      entities: { online: 2, total: 3 },
      websocket_connections: 2,
      recorder_queue: 4,
    });
    expect(health.round_trip.count).toBe(2);
    expect(health.round_trip.confirmed.reduce((a, b) => a + b)).toBe(1);
    expect(health.round_trip.failed.reduce((a, b) => a + b)).toBe(1);
    expect(health.round_trip.bounds_ms[0]).toBe(5);
    expect(health.event_loop_lag_ms).toBeGreaterThanOrEqual(0);
    expect(health.uptime_s).toBeGreaterThanOrEqual(0);

    // The scrape reads the same histogram: the reading took nothing from it and added nothing.
    const { body } = await hubMetrics.scrape();
    expect(body).toMatch(/^hearth_command_round_trip_seconds_count\{outcome="confirmed"\} 1$/m);
    expect(body).toMatch(/^hearth_devices 3$/m);
  });

  it('has no client count for an external broker, which keeps its own', async () => {
    const health = await readHubHealth({
      metrics: metrics(),
      broker: 'external',
      link: { connected: false, since: '2026-01-01T00:00:00.000Z' },
      now: Date.now(),
    });
    expect(health.broker).toEqual({
      kind: 'external',
      connected: false,
      since: '2026-01-01T00:00:00.000Z',
      clients: null,
    });
  });
});
