import { useEffect, useMemo } from 'preact/hooks';
import type { HubHealth } from '../../../../hub/protocol/hub-health.ts';
import { createHealthFeed } from '../../settings/health-feed.ts';
import { useTokenSettings } from '../../settings/settings-context.ts';
import { RoundTripChart } from './RoundTripChart.tsx';

/** `3 d 4 h`, `2 h 5 min`, `4 min`, `12 s`: the two largest units are enough for an uptime. */
export function formatUptime(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = Math.floor(seconds);
  for (const [size, unit] of units) {
    if (parts.length === 2) break;
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || (parts.length === 0 && size === 1)) parts.push(`${amount} ${unit}`);
    else if (parts.length > 0) break;
  }
  return parts.join(' ');
}

const ms = (value: number): string =>
  `${value < 1 ? value.toFixed(2) : value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
const time = (iso: string): string => new Date(iso).toLocaleTimeString();

function Figure(props: { name: string; label: string; value: string; detail?: string; warn?: boolean }) {
  return (
    <div class="health__figure" data-figure={props.name} data-warn={props.warn ? 'true' : undefined}>
      <dt class="health__label">{props.label}</dt>
      <dd class="health__value">{props.value}</dd>
      {props.detail && <dd class="health__detail">{props.detail}</dd>}
    </div>
  );
}

function Figures({ health }: { health: HubHealth }) {
  const { broker, devices, entities, round_trip: roundTrip } = health;
  const embedded = broker.kind === 'embedded';
  const brokerDetail = broker.connected
    ? embedded
      ? `${broker.clients ?? 0} MQTT clients`
      : `linked since ${time(broker.since)}`
    : `link down since ${time(broker.since)}`;
  return (
    <dl class="health__figures">
      <Figure
        name="broker"
        label={embedded ? 'Broker (embedded)' : 'Broker (external)'}
        value={broker.connected ? 'Connected' : 'Disconnected'}
        detail={brokerDetail}
        warn={!broker.connected}
      />
      <Figure
        name="devices"
        label="Devices online"
        value={`${devices.online} / ${devices.total}`}
        warn={devices.online < devices.total}
      />
      <Figure name="entities" label="Entities online" value={`${entities.online} / ${entities.total}`} />
      <Figure name="panels" label="Panels and API clients" value={String(health.websocket_connections)} />
      <Figure
        name="recorder"
        label="Recorder queue"
        value={String(health.recorder_queue)}
        detail="states to write"
      />
      <Figure
        name="lag"
        label="Event-loop lag"
        value={ms(health.event_loop_lag_ms)}
        warn={health.event_loop_lag_ms > 100}
      />
      <Figure name="uptime" label="Uptime" value={formatUptime(health.uptime_s)} />
      <Figure
        name="round-trips"
        label="Commands"
        value={String(roundTrip.count)}
        detail={
          roundTrip.count > 0 ? `mean ${ms(roundTrip.sum_ms / roundTrip.count)} to confirm` : 'none yet'
        }
      />
    </dl>
  );
}

/** The hub's health, live: broker, devices, connections, recorder, event loop, and the round-trip histogram. */
export function HealthSettings({ connected }: { connected: boolean }) {
  const settings = useTokenSettings();
  const feed = useMemo(() => createHealthFeed(settings.subscribe), [settings]);
  // Subscribes once connected, and again after a reconnect: a connection's subscriptions die with it.
  useEffect(() => (connected ? feed.start() : undefined), [connected, feed]);
  const health = feed.health.value;
  return (
    <section class="settings__section" aria-labelledby="health-title">
      <h2 id="health-title" class="area__title">
        Hub health
      </h2>
      <p class="settings__hint">Live, every two seconds; the same figures as /metrics.</p>
      {feed.error.value && (
        <p class="login__message" role="alert">
          {feed.error.value}
        </p>
      )}
      <div class="health" aria-busy={health === null}>
        {health && <Figures health={health} />}
        {health && (
          <>
            <h3 class="health__subtitle">Command round trips</h3>
            <RoundTripChart histogram={health.round_trip} />
          </>
        )}
      </div>
    </section>
  );
}
