import { z } from 'zod';

const count = z.number().int().min(0);

/**
 * The command round-trip histogram (`hearth_command_round_trip_seconds`), per bucket rather than
 * cumulative as Prometheus counts: `confirmed[i]` and `failed[i]` are the round trips that took
 * more than `bounds_ms[i - 1]` and at most `bounds_ms[i]`; the last entry of each, one more than
 * `bounds_ms`, those slower than every bound (Prometheus's `+Inf` bucket).
 */
export const roundTripHistogram = z.object({
  bounds_ms: z.array(z.number().positive()),
  confirmed: z.array(count),
  failed: z.array(count),
  /** Every round trip, whatever its outcome. */
  count,
  /** Their total duration, for the mean. */
  sum_ms: z.number().min(0),
});
export type RoundTripHistogram = z.infer<typeof roundTripHistogram>;

/**
 * The payload of `hearth/health/subscribe` (HEALTH_SUBSCRIBE, settings-messages.ts): the hub's
 * health as the panel's settings show it, read from the same prom-client registry as `GET /metrics`,
 * so the two never disagree. hearth's own; Home Assistant has no such message. Durations are in the
 * unit each key's name says.
 */
export const hubHealth = z.object({
  broker: z.object({
    /** The hub's own aedes broker, or one at `mqttUrl` (Mosquitto, EMQX…). */
    kind: z.enum(['embedded', 'external']),
    /** Whether the hub's MQTT link is up, and since when (ISO 8601). */
    connected: z.boolean(),
    since: z.string(),
    /** MQTT clients of the embedded broker; null with an external one, which keeps its own count. */
    clients: count.nullable(),
  }),
  devices: z.object({ online: count, total: count }),
  entities: z.object({ online: count, total: count }),
  /** Open WebSocket connections: panels and API clients. */
  websocket_connections: count,
  /** States waiting for the recorder's next batched write. */
  recorder_queue: count,
  /** One sample of the event loop's delay, as `nodejs_eventloop_lag_seconds` measures it. */
  event_loop_lag_ms: z.number().min(0),
  uptime_s: z.number().min(0),
  round_trip: roundTripHistogram,
});
export type HubHealth = z.infer<typeof hubHealth>;
