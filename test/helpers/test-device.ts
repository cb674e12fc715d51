import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';

export interface TestDeviceOptions {
  /** `switch` (ON/OFF) or `number` (0..1000000). */
  component: 'switch' | 'number';
  initial: string;
  /** Retain the state, as ESPHome does; Zigbee2MQTT does not. */
  retainState?: boolean;
  /** The QoS the hub commands it with, from its discovery config. */
  qos?: 0 | 1;
  /** Announce again on Home Assistant's birth, as Zigbee2MQTT does. Default true. */
  answersBirth?: boolean;
}

/**
 * A hand-written device on its own MQTT connection, that the test can read to the bottom: it
 * announces one entity by Home Assistant discovery, with `<name>/availability` as its will,
 * applies every command on `<name>/set` and reports it on `<name>`, and records what it received.
 * On every (re)connection, and on Home Assistant's birth, it announces itself again with its current
 * state, as Zigbee2MQTT does.
 */
export class TestDevice {
  /** Every command payload it received, in order. */
  readonly received: string[] = [];
  private repeat: ReturnType<typeof setTimeout> | undefined;
  private constructor(
    readonly name: string,
    readonly client: MqttClient,
    private readonly options: TestDeviceOptions,
    private current: string,
  ) {}

  static async connect(url: string, name: string, options: TestDeviceOptions): Promise<TestDevice> {
    const client = await mqtt.connectAsync(url, {
      clientId: name,
      reconnectPeriod: 200,
      will: { topic: `${name}/availability`, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    const device = new TestDevice(name, client, options, options.initial);
    client.on('message', (topic, payload, packet) => {
      if (topic === 'homeassistant/status') {
        if (!packet.retain && payload.toString() === 'online') void device.announce();
        return;
      }
      const command = payload.toString();
      device.received.push(command);
      device.report(command);
    });
    client.on('connect', () => void device.announce());
    await client.subscribeAsync(`${name}/set`, { qos: 1 });
    if (options.answersBirth ?? true) await client.subscribeAsync('homeassistant/status', { qos: 1 });
    await device.announce();
    return device;
  }

  /** The state it last reported. */
  get state(): string {
    return this.current;
  }

  /** Changes its state by itself (a wall switch), and reports it. */
  report(state: string): void {
    this.current = state;
    this.client.publish(this.name, state, { qos: 1, retain: this.options.retainState ?? false });
  }

  async close(): Promise<void> {
    clearTimeout(this.repeat);
    await this.client.endAsync(true);
  }

  private async announce(): Promise<void> {
    const { name, options } = this;
    const config = {
      name: null,
      uniq_id: name,
      def_ent_id: `${options.component}.${name}`,
      '~': name,
      stat_t: '~',
      cmd_t: '~/set',
      avty_t: '~/availability',
      qos: options.qos ?? 0,
      dev: { ids: [name], name },
      ...(options.component === 'number' && { min: 0, max: 1_000_000, step: 1 }),
    };
    await this.client.publishAsync(
      `homeassistant/${options.component}/${name}/config`,
      JSON.stringify(config),
      {
        qos: 1,
        retain: true,
      },
    );
    await this.client.publishAsync(`${name}/availability`, 'online', { qos: 1, retain: true });
    this.report(this.current);
    // A controller subscribes to the state topic only once it has read the config, so it misses the
    // first report; Zigbee2MQTT reports again shortly after for this reason, and so does this device.
    clearTimeout(this.repeat);
    this.repeat = setTimeout(() => {
      if (this.client.connected) this.report(this.current);
    }, 300);
  }
}
