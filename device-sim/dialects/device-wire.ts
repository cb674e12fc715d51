import type { ParsedCommand } from '../command-payload.ts';
import type { DiscoveryMessage } from '../discovery-config.ts';
import type { ReportReason } from '../simulated-device.ts';

/** One state message, ready to publish (QoS 0). */
export interface StateMessage {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
}

/**
 * One device's MQTT layout in its dialect: everything `DeviceConnection` needs to put it on the
 * wire, and nothing about sockets. One implementation per firmware, in this folder.
 */
export interface DeviceWire {
  /** Retained, and the last will: `offline` goes out when the connection dies. */
  readonly availability: { readonly topic: string; readonly online: string; readonly offline: string };
  /** Subscription filters (`+` allowed) on which commands arrive. */
  readonly commandTopics: readonly string[];
  /**
   * What the firmware does when Home Assistant's birth (`homeassistant/status` = `online`)
   * arrives: announce again (Zigbee2MQTT), publish its state (Tasmota), or nothing (ESPHome).
   */
  readonly birth: 'announce' | 'state' | 'ignore';
  /** One config per entity, published retained at QoS 1. */
  discovery(): DiscoveryMessage[];
  /**
   * A message on one of `commandTopics`, read into the device's command (Zigbee2MQTT's form);
   * undefined when the topic is none of the device's.
   */
  readCommand(topic: string, payload: string): ParsedCommand | undefined;
  /** The messages that report the device's state, for `reason`. */
  stateMessages(reason: ReportReason): StateMessage[];
}

/** Thrown when a dialect has no way to express one of a device's entities. */
export class UnsupportedEntityError extends Error {
  constructor(dialect: string, device: string, what: string) {
    super(`${device}: ${dialect} has no discovery for ${what}`);
    this.name = 'UnsupportedEntityError';
  }
}
