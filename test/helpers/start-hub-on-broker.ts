import type { TestMosquitto } from './start-mosquitto.ts';
import { startMosquitto } from './start-mosquitto.ts';
import type { TestHub } from './start-test-hub.ts';
import { startTestHub } from './start-test-hub.ts';

/**
 * The brokers every MQTT suite runs against, as MQTT.js runs one suite over every transport: the
 * hub's embedded aedes, and Mosquitto through `--mqtt-url`.
 */
export const BROKER_KINDS = ['aedes', 'mosquitto'] as const;
export type BrokerKind = (typeof BROKER_KINDS)[number];

export interface HubOnBroker extends TestHub {
  /** The Mosquitto behind the hub, for the `mosquitto` kind. */
  readonly mosquitto: TestMosquitto | undefined;
}

/** `startTestHub` on the given broker; `stop()` stops the Mosquitto too. */
export async function startHubOnBroker(
  kind: BrokerKind,
  options: Parameters<typeof startTestHub>[0] = {},
): Promise<HubOnBroker> {
  if (kind === 'aedes') return { ...(await startTestHub(options)), mosquitto: undefined };
  const mosquitto = await startMosquitto();
  try {
    const hub = await startTestHub({
      ...options,
      args: [...(options.args ?? []), '--mqtt-url', mosquitto.url],
    });
    return {
      ...hub,
      mosquitto,
      async stop(stopOptions) {
        await hub.stop(stopOptions);
        await mosquitto.stop();
      },
    };
  } catch (error) {
    await mosquitto.stop();
    throw error;
  }
}
