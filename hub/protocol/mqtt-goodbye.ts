import type { MqttClient } from 'mqtt';
import { settlesWithin, systemClock } from '../core/clock.ts';

/** How long a clean goodbye may take before the connection is dropped instead. */
export const GOODBYE_GRACE_MS = 2000;

/**
 * A device's clean goodbye: its retained `offline` on its availability topic (QoS 1), then
 * DISCONNECT, which tells the broker to discard the will (MQTT 3.1.1 §3.14.4), so the device must
 * say offline itself first.
 *
 * Bounded, because a broker that goes away at the same moment (a hub and its devices stopped
 * together, a Wi-Fi link that died silently) never sends PUBACK, and mqtt.js waits for it,
 * reconnecting, for ever. After `graceMs` the connection is dropped without DISCONNECT, so that
 * the will says offline if the broker is still there. Resolves `'said'` or `'dropped'`; never rejects.
 */
export async function sayGoodbye(
  client: MqttClient,
  availability: { topic: string; offline: string },
  onError: (error: unknown) => void,
  graceMs = GOODBYE_GRACE_MS,
): Promise<'said' | 'dropped'> {
  if (!client.connected) {
    await client.endAsync(true);
    return 'dropped';
  }
  const goodbye = async (): Promise<void> => {
    try {
      await client.publishAsync(availability.topic, availability.offline, { qos: 1, retain: true });
    } catch (error) {
      onError(error);
    }
    await client.endAsync(false);
  };
  if (await settlesWithin(systemClock, goodbye(), graceMs)) return 'said';
  // end(true) is a no-op once end(false) waits for the PUBACKs in flight: destroy the socket too.
  client.end(true);
  client.stream.destroy();
  return 'dropped';
}
