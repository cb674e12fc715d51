import { DEFAULT_DISCOVERY_PREFIX, deviceAvailabilityTopic } from '../hub/protocol/mqtt-conventions.ts';

/**
 * Home Assistant MQTT discovery, as Zigbee2MQTT publishes it:
 * https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery
 */
export type DiscoveryComponent = 'light' | 'switch' | 'sensor' | 'binary_sensor';

export type DiscoveryConfig = Readonly<Record<string, unknown>>;

/** One retained config message; `topic` is `homeassistant/<component>/<node_id>/<object_id>/config`. */
export interface DiscoveryMessage {
  readonly topic: string;
  readonly config: DiscoveryConfig;
}

/** What the `device` block of every config of a device says. */
export interface DeviceInfo {
  /** The device's topic segment, `hearth/<name>`: `[a-z0-9-]+`. */
  readonly name: string;
  readonly friendlyName: string;
  readonly area: string;
  readonly model: string;
}

export const SIM_SW_VERSION = '0.1.0';
export const SIM_ORIGIN = { name: 'hearth-sim' } as const;

/** Node and object ids in a discovery topic may only hold `[a-zA-Z0-9_-]`. */
export function discoveryTopic(component: DiscoveryComponent, nodeId: string, objectId: string): string {
  return `${DEFAULT_DISCOVERY_PREFIX}/${component}/${nodeId}/${objectId}/config`;
}

/** The `object_id` that makes a stable entity id: `living-room-lamp` + `power` → `living_room_lamp_power`. */
export function entityObjectId(device: string, suffix?: string): string {
  const base = device.replace(/-/g, '_');
  return suffix === undefined ? base : `${base}_${suffix}`;
}

export function uniqueId(device: string, key: string): string {
  return `hearth-sim-${device}-${key}`;
}

export function deviceIdentifier(device: string): string {
  return `hearth-sim-${device}`;
}

export function deviceBlock(info: DeviceInfo): DiscoveryConfig {
  return {
    identifiers: [deviceIdentifier(info.name)],
    name: info.friendlyName,
    manufacturer: 'hearth',
    model: info.model,
    sw_version: SIM_SW_VERSION,
    suggested_area: info.area,
  };
}

/** Zigbee2MQTT's form: the `availability` list. */
export function availabilityList(device: string): DiscoveryConfig {
  return { availability: [{ topic: deviceAvailabilityTopic(device) }] };
}
