import type { IPublishPacket, MqttClient } from 'mqtt';
import { BIRTH_PAYLOAD_ONLINE, BIRTH_TOPIC, deviceCommandTopic } from '../hub/protocol/mqtt-conventions.ts';
import { sayGoodbye } from '../hub/protocol/mqtt-goodbye.ts';
import { preview } from './command-payload.ts';
import type { DeviceWire } from './dialects/device-wire.ts';
import { connectMqtt, type MqttEndpoint } from './mqtt-connect.ts';
import type { ReportReason, SimulatedDevice } from './simulated-device.ts';

/** How long after its discovery a device reports its state again. */
const STATE_REPEAT_MS = 500;

/**
 * One device on MQTT, with its own connection so that its last will is its own, laid out as its
 * dialect (`device.wire`) says: retained discovery (QoS 1), retained availability that is also the
 * will, state messages, and commands on the dialect's command topics.
 */
export class DeviceConnection {
  readonly device: SimulatedDevice;
  readonly #wire: DeviceWire;
  readonly #endpoint: MqttEndpoint;
  readonly #log: (line: string) => void;
  #client: MqttClient | undefined;
  #ending: Promise<void> | undefined;
  /** Logs the first MQTT error after each connect only: a dead broker must not flood the log. */
  #errorLogged = false;
  #stateRepeat: ReturnType<typeof setTimeout> | undefined;
  #dropped = false;

  /** Throws when the device's dialect cannot express one of its entities. */
  constructor(device: SimulatedDevice, endpoint: MqttEndpoint, log: (line: string) => void) {
    this.device = device;
    this.#wire = device.wire;
    this.#endpoint = endpoint;
    this.#log = log;
  }

  /**
   * Connects and subscribes to the command topics and the birth topic; `announce` then makes the
   * device visible. The two are apart so that a simulator can subscribe all its devices before any
   * retained config exists: aedes' in-memory persistence scans every retained message on each
   * SUBSCRIBE.
   */
  async connect(): Promise<void> {
    if (this.#client !== undefined) throw new Error(`${this.device.name}: already connected`);
    const name = this.device.name;
    const { availability } = this.#wire;
    const client = await connectMqtt(this.#endpoint, {
      clientId: `hearth-sim-${name}`,
      will: { topic: availability.topic, payload: availability.offline, qos: 1, retain: true },
    });
    this.#client = client;
    client.on('error', (error) => {
      if (this.#errorLogged) return;
      this.#errorLogged = true;
      this.#log(`${name}: MQTT error: ${error.message}`);
    });
    client.on('message', (topic, payload, packet) => this.#onMessage(topic, payload, packet));
    const topics = [...this.#wire.commandTopics, ...(this.#wire.birth === 'ignore' ? [] : [BIRTH_TOPIC])];
    try {
      // QoS 1, so that commands the hub sends at QoS 1 arrive at QoS 1.
      if (topics.length > 0)
        await client.subscribeAsync(Object.fromEntries(topics.map((topic) => [topic, { qos: 1 as const }])));
    } catch (error) {
      client.end(true);
      this.#client = undefined;
      throw error;
    }
    // After a reconnect (mqtt.js resubscribes by itself) the broker may have fired the will: announce again.
    client.on('connect', () => {
      this.#errorLogged = false;
      this.#announce(client).catch((error: unknown) =>
        this.#log(`${name}: re-announce failed: ${String(error)}`),
      );
    });
  }

  /** Publishes discovery (retained, QoS 1), then its availability (retained, QoS 1), then the state. */
  async announce(): Promise<void> {
    const client = this.#client;
    if (client === undefined) throw new Error(`${this.device.name}: not connected`);
    await this.#announce(client);
    this.device.onState((reason) => this.#publishState(client, reason));
    this.device.onAvailability((online) => this.#onAvailability(client, online));
  }

  /** `connect` then `announce`. */
  async open(): Promise<void> {
    await this.connect();
    await this.announce();
  }

  /** Publishes `offline` (retained), then disconnects cleanly, so the broker keeps the will to itself (see sayGoodbye). */
  close(): Promise<void> {
    this.#ending ??= this.#close();
    return this.#ending;
  }

  /** Whether `close` could not say offline (no broker, or no answer in time) and dropped the connection. */
  get dropped(): boolean {
    return this.#dropped;
  }

  /** Drops the socket without DISCONNECT, so the broker publishes the will: a device losing power. */
  kill(): Promise<void> {
    this.#ending ??= this.#end(true);
    return this.#ending;
  }

  async #close(): Promise<void> {
    const client = this.#client;
    this.#detach();
    if (client === undefined) return;
    const outcome = await sayGoodbye(client, this.#wire.availability, (error) =>
      this.#log(`${this.device.name}: could not publish offline: ${String(error)}`),
    );
    this.#dropped = outcome === 'dropped';
  }

  async #end(force: boolean): Promise<void> {
    this.#detach();
    const client = this.#client;
    if (client === undefined) return;
    await client.endAsync(force);
  }

  #detach(): void {
    this.device.onState(undefined);
    this.device.onAvailability(undefined);
    this.device.stop();
    clearTimeout(this.#stateRepeat);
  }

  async #announce(client: MqttClient): Promise<void> {
    const { availability } = this.#wire;
    await Promise.all(
      this.#wire
        .discovery()
        .map((message) =>
          client.publishAsync(message.topic, JSON.stringify(message.config), { qos: 1, retain: true }),
        ),
    );
    const online = this.device.online;
    await client.publishAsync(availability.topic, online ? availability.online : availability.offline, {
      qos: 1,
      retain: true,
    });
    if (!online) return;
    this.#publishState(client, 'connect');
    // State is not retained (except ESPHome's), so a controller that subscribes to the state topics
    // only once it has read the discovery config misses the first report. Zigbee2MQTT publishes the
    // state again shortly after discovery for this reason; so does the simulator, in every dialect.
    clearTimeout(this.#stateRepeat);
    this.#stateRepeat = setTimeout(() => {
      if (this.#ending === undefined && this.#client === client && this.device.online)
        this.#publishState(client, 'announce');
    }, STATE_REPEAT_MS);
    this.#stateRepeat.unref();
  }

  /** A fault or a restart changed the availability: say so, and report the state on coming back. */
  #onAvailability(client: MqttClient, online: boolean): void {
    if (this.#ending !== undefined) return;
    const { availability } = this.#wire;
    const name = this.device.name;
    this.#log(`${name}: ${online ? 'online' : 'offline'}`);
    client.publish(
      availability.topic,
      online ? availability.online : availability.offline,
      { qos: 1, retain: true },
      (error) => {
        if (error !== undefined && error !== null)
          this.#log(`${name}: availability not published: ${error.message}`);
      },
    );
    if (online) this.#publishState(client, 'announce');
  }

  /** QoS 0, retained only where the dialect says so (ESPHome). */
  #publishState(client: MqttClient, reason: ReportReason): void {
    const name = this.device.name;
    for (const message of this.#wire.stateMessages(reason)) {
      client.publish(message.topic, message.payload, { qos: 0, retain: message.retain }, (error) => {
        if (error !== undefined && error !== null)
          this.#log(`${name}: state not published: ${error.message}`);
      });
    }
  }

  #onMessage(topic: string, payload: Buffer, packet: IPublishPacket): void {
    const client = this.#client;
    if (client === undefined || this.#ending !== undefined) return;
    const name = this.device.name;
    try {
      if (topic === BIRTH_TOPIC) {
        // A retained birth is an old one; the device announced itself when it connected.
        if (packet.retain || payload.toString('utf8') !== BIRTH_PAYLOAD_ONLINE) return;
        if (this.#wire.birth === 'announce')
          this.#announce(client).catch((error: unknown) =>
            this.#log(`${name}: re-announce failed: ${String(error)}`),
          );
        else if (this.#wire.birth === 'state' && this.device.online) this.#publishState(client, 'report');
        return;
      }
      const text = payload.toString('utf8');
      const parsed = this.#wire.readCommand(topic, text);
      if (parsed === undefined) return;
      const result = parsed.ok ? this.device.apply(parsed.command) : parsed;
      // Zigbee2MQTT's `/set` is the common case and logs as the payload alone; others show their topic.
      const shown = topic === deviceCommandTopic(name) ? '' : `${topic} `;
      const prefix = `${name} <- ${shown}${preview(text)}`;
      if (!result.ok) this.#log(`${prefix} ignored: ${result.reason}`);
      else this.#log(result.delayedMs === undefined ? prefix : `${prefix} (in ${result.delayedMs} ms)`);
    } catch (error) {
      // Input from the network never takes the simulator down.
      this.#log(`${name}: error handling ${topic}: ${String(error)}`);
    }
  }
}
