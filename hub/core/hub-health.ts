import type { HubHealth, RoundTripHistogram } from '../protocol/hub-health.ts';
import type { MqttStatus } from '../protocol/mqtt-status.ts';
import type { HubMetrics } from './hub-metrics.ts';
import { ROUND_TRIP_BUCKETS } from './hub-metrics.ts';

/** One value of a prom-client metric, as `metric.get()` gives it. */
export interface MetricValue {
  value: number;
  labels: Partial<Record<string, string | number>>;
  metricName?: string;
}

export interface HealthSources {
  metrics: HubMetrics;
  broker: 'embedded' | 'external';
  link: MqttStatus;
  /** Milliseconds since the epoch. */
  now: number;
}

/**
 * The hub's health for the panel, read from the prom-client registry behind `/metrics` — the same
 * gauges, collected the same way, and the round-trip histogram's own buckets — so the panel and a
 * Prometheus scrape never disagree and nothing is counted twice.
 */
export async function readHubHealth({ metrics, broker, link, now }: HealthSources): Promise<HubHealth> {
  const gauge = async (name: string): Promise<number> => (await values(metrics, name))[0]?.value ?? 0;
  const [devicesOnline, devices, entitiesOnline, entities, connections, queue, clients, started, roundTrip] =
    await Promise.all([
      gauge('hearth_devices_online'),
      gauge('hearth_devices'),
      gauge('hearth_entities_online'),
      gauge('hearth_entities'),
      gauge('hearth_websocket_connections'),
      gauge('hearth_recorder_queue_length'),
      gauge('hearth_mqtt_broker_clients'),
      gauge('process_start_time_seconds'),
      values(metrics, 'hearth_command_round_trip_seconds'),
    ]);
  return {
    broker: {
      kind: broker,
      connected: link.connected,
      since: link.since,
      clients: broker === 'embedded' ? clients : null,
    },
    devices: { online: devicesOnline, total: devices },
    entities: { online: entitiesOnline, total: entities },
    websocket_connections: connections,
    recorder_queue: queue,
    event_loop_lag_ms: round((await sampleEventLoopLagSeconds()) * 1000, 3),
    uptime_s: Math.max(0, Math.round(now / 1000 - started)),
    round_trip: roundTripHistogram(ROUND_TRIP_BUCKETS, roundTrip),
  };
}

async function values(metrics: HubMetrics, name: string): Promise<MetricValue[]> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`hub health: no metric ${name} in the registry`);
  return (await metric.get()).values;
}

/**
 * prom-client's cumulative buckets (`le` = upper bound in seconds, `+Inf` last) of each outcome as
 * per-bucket counts with bounds in ms: a chart of them is the distribution itself.
 */
export function roundTripHistogram(
  bounds: readonly number[],
  values: readonly MetricValue[],
): RoundTripHistogram {
  const perBucket = (outcome: string): number[] => {
    const cumulative = [...bounds.map(String), '+Inf'].map(
      (le) =>
        values.find(
          (v) =>
            v.metricName?.endsWith('_bucket') && v.labels.outcome === outcome && String(v.labels.le) === le,
        )?.value ?? 0,
    );
    return cumulative.map((total, i) => total - (i === 0 ? 0 : (cumulative[i - 1] ?? 0)));
  };
  const total = (suffix: string) =>
    values.filter((v) => v.metricName?.endsWith(suffix)).reduce((sum, v) => sum + v.value, 0);
  return {
    bounds_ms: bounds.map((seconds) => round(seconds * 1000, 3)),
    confirmed: perBucket('confirmed'),
    failed: perBucket('failed'),
    count: total('_count'),
    sum_ms: round(total('_sum') * 1000, 3),
  };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * One sample of the event loop's delay, measured as prom-client measures `nodejs_eventloop_lag_seconds`
 * (the time a `setImmediate` waits). Not read through that gauge: its collection also resets the
 * window of the p50/p90/p99 gauges `/metrics` reports, which a panel's reading every few seconds
 * would shrink to those few seconds.
 */
function sampleEventLoopLagSeconds(): Promise<number> {
  const start = process.hrtime.bigint();
  return new Promise((resolve) => setImmediate(() => resolve(Number(process.hrtime.bigint() - start) / 1e9)));
}
