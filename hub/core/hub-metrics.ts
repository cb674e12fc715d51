import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { STATE_UNAVAILABLE } from '../protocol/entity-state.ts';
import type { DeviceRegistry } from './device-registry.ts';
import type { EntityRegistry } from './entity-registry.ts';
import type { StateMachine } from './state-machine.ts';

/** What the hub's parts count; plain numbers, so the hot path pays one increment and nothing else. */
export interface Traffic {
  websocketConnections: number;
  websocketMessagesIn: number;
  websocketMessagesOut: number;
  mqttMessagesIn: number;
  mqttMessagesOut: number;
}

export interface MetricSources {
  states: StateMachine;
  entities: EntityRegistry;
  devices: DeviceRegistry;
  /** States waiting for the recorder's next batched write. */
  recorderQueue: () => number;
}

/** Command round trips on a LAN are milliseconds; a device that times out lands in the last bucket. */
export const ROUND_TRIP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The hub's Prometheus metrics (https://prometheus.io/docs/instrumenting/exposition_formats/):
 * counters the parts bump as plain numbers, read into prom-client only when `/metrics` is scraped;
 * gauges computed at the scrape; the command round-trip histogram; and prom-client's process
 * metrics, which include the event-loop lag (`nodejs_eventloop_lag_seconds`). One registry per
 * hub, so two hubs in one process (tests) do not mix their figures.
 */
export class HubMetrics {
  readonly traffic: Traffic = {
    websocketConnections: 0,
    websocketMessagesIn: 0,
    websocketMessagesOut: 0,
    mqttMessagesIn: 0,
    mqttMessagesOut: 0,
  };
  readonly registry = new Registry();
  private readonly roundTrip: Histogram;
  /** MQTT clients connected to the embedded broker; unset with an external broker. */
  brokerClients: (() => number) | undefined;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const { traffic } = this;
    const counter = (name: string, help: string, read: () => number) => {
      let seen = 0;
      new Counter({
        name,
        help,
        registers,
        collect() {
          // A counter only goes up: add what was counted since the last scrape.
          const now = read();
          if (now > seen) this.inc(now - seen);
          seen = now;
        },
      });
    };
    const gauge = (name: string, help: string, read: () => number | undefined) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const value = read();
          if (value !== undefined) this.set(value);
        },
      });
    counter(
      'hearth_websocket_messages_received_total',
      'WebSocket messages received from panels and API clients.',
      () => traffic.websocketMessagesIn,
    );
    counter(
      'hearth_websocket_messages_sent_total',
      'WebSocket frames sent to panels and API clients.',
      () => traffic.websocketMessagesOut,
    );
    counter(
      'hearth_mqtt_messages_received_total',
      "MQTT messages delivered to the hub's subscriptions.",
      () => traffic.mqttMessagesIn,
    );
    counter(
      'hearth_mqtt_messages_sent_total',
      'MQTT messages the hub published.',
      () => traffic.mqttMessagesOut,
    );
    gauge('hearth_websocket_connections', 'Open WebSocket connections.', () => traffic.websocketConnections);
    gauge('hearth_mqtt_broker_clients', 'MQTT clients connected to the embedded broker.', () =>
      this.brokerClients?.(),
    );
    gauge(
      'hearth_recorder_queue_length',
      "States waiting for the recorder's next write.",
      sources.recorderQueue,
    );
    gauge('hearth_entities', 'Entities with a state.', () => sources.states.size);
    gauge(
      'hearth_entities_online',
      'Entities whose state is not unavailable.',
      () => online(sources).entities,
    );
    gauge(
      'hearth_devices_online',
      'Devices with at least one entity that is not unavailable.',
      () => online(sources).devices.size,
    );
    gauge('hearth_devices', 'Devices in the device registry.', () => sources.devices.list().length);
    this.roundTrip = new Histogram({
      name: 'hearth_command_round_trip_seconds',
      help: 'call_service from the request to the devices confirming (or failing) it.',
      labelNames: ['outcome'],
      buckets: ROUND_TRIP_BUCKETS,
      registers,
    });
  }

  /** Starts a round-trip timer; call the result when the command is answered. */
  startCommand(): (outcome: 'confirmed' | 'failed') => void {
    const end = this.roundTrip.startTimer();
    return (outcome) => end({ outcome });
  }

  /** The text exposition format, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function online({ states, entities }: MetricSources): { entities: number; devices: Set<string> } {
  let count = 0;
  const devices = new Set<string>();
  for (const state of states.all()) {
    if (state.state === STATE_UNAVAILABLE) continue;
    count++;
    const deviceId = entities.get(state.entity_id)?.device_id;
    if (deviceId) devices.add(deviceId);
  }
  return { entities: count, devices };
}
