import { useHubStore } from '../store/hub-context.ts';
import { Icon } from './Icon.tsx';

/**
 * Says so when the hub has lost its MQTT broker: the panel still reaches the hub, but the hub
 * reaches no device. Hidden while the panel itself is offline: the dashboard says that, and the
 * broker's state is then unknown.
 */
export function BrokerBanner() {
  const store = useHubStore();
  const mqtt = store.mqttStatus.value;
  if (store.status.value !== 'connected' || !mqtt || mqtt.connected) return null;
  const since = new Date(mqtt.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <div class="broker-banner" role="alert" data-testid="broker-banner">
      <p class="notice">
        <Icon name="alert" />
        The hub lost its MQTT broker at {since} and cannot reach any device until it is back. States are as
        they were then; a command waits a few seconds for the broker, then fails.
      </p>
    </div>
  );
}
