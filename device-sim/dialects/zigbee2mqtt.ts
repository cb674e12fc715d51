import {
  AVAILABILITY_OFFLINE,
  AVAILABILITY_ONLINE,
  deviceAvailabilityTopic,
  deviceCommandTopic,
  deviceStateTopic,
} from '../../hub/protocol/mqtt-conventions.ts';
import {
  MAX_COMMAND_BYTES,
  type ParsedCommand,
  parseAttributeValue,
  parseCommandPayload,
} from '../command-payload.ts';
import type { DiscoveryMessage } from '../discovery-config.ts';
import type { SimulatedDevice } from '../simulated-device.ts';
import type { DeviceWire, StateMessage } from './device-wire.ts';
import { zigbee2mqttDiscovery } from './zigbee2mqtt-discovery.ts';

/**
 * Zigbee2MQTT's layout (https://www.zigbee2mqtt.io/guide/usage/mqtt_topics_and_messages.html):
 * the whole state as one JSON object on `hearth/<device>` (QoS 0, not retained), commands as a JSON
 * object on `hearth/<device>/set` or one attribute on `hearth/<device>/set/<attribute>`, and a
 * retained `online`/`offline` availability that is also the last will.
 */
export class Zigbee2MqttWire implements DeviceWire {
  readonly availability: DeviceWire['availability'];
  readonly commandTopics: readonly string[];
  readonly birth = 'announce';
  readonly #device: SimulatedDevice;
  readonly #set: string;

  constructor(device: SimulatedDevice) {
    this.#device = device;
    this.#set = deviceCommandTopic(device.name);
    this.availability = {
      topic: deviceAvailabilityTopic(device.name),
      online: AVAILABILITY_ONLINE,
      offline: AVAILABILITY_OFFLINE,
    };
    this.commandTopics = [this.#set, `${this.#set}/+`];
  }

  discovery(): DiscoveryMessage[] {
    return zigbee2mqttDiscovery(this.#device);
  }

  readCommand(topic: string, payload: string): ParsedCommand | undefined {
    if (topic === this.#set) return parseCommandPayload(payload);
    if (!topic.startsWith(`${this.#set}/`)) return undefined;
    const attribute = topic.slice(this.#set.length + 1);
    if (!/^[a-z][a-z0-9_]*$/.test(attribute)) return { ok: false, reason: `no attribute "${attribute}"` };
    if (payload.length > MAX_COMMAND_BYTES)
      return { ok: false, reason: `payload of ${payload.length} bytes` };
    if (payload.trim() === '') return { ok: false, reason: 'empty payload' };
    // A computed key makes an own property, so even `__proto__` stays plain data.
    return { ok: true, command: { [attribute]: parseAttributeValue(payload) } };
  }

  /** The whole state, whatever the reason, as Zigbee2MQTT publishes it. */
  stateMessages(): StateMessage[] {
    const device = this.#device;
    const state = { ...device.state, ...device.settings };
    return [{ topic: deviceStateTopic(device.name), payload: JSON.stringify(state), retain: false }];
  }
}
