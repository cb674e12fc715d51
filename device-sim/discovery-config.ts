import { DEFAULT_DISCOVERY_PREFIX, deviceAvailabilityTopic } from '../hub/protocol/mqtt-conventions.ts';
import type { EntityComponent } from './entity-spec.ts';

/**
 * Home Assistant MQTT discovery: https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery
 * The helpers here are the shared ones; each dialect builds its configs in `dialects/`.
 */
export type DiscoveryComponent = EntityComponent;

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

/**
 * Node and object ids in a discovery topic may only hold `[a-zA-Z0-9_-]`. Without a node id the
 * topic has three levels, as Tasmota's `homeassistant/switch/1A2B3C_RL_1/config`.
 */
export function discoveryTopic(
  component: DiscoveryComponent,
  nodeId: string | undefined,
  objectId: string,
): string {
  const node = nodeId === undefined ? '' : `${nodeId}/`;
  return `${DEFAULT_DISCOVERY_PREFIX}/${component}/${node}${objectId}/config`;
}

/** Home Assistant's `slugify`: `Heater Plug ENERGY Power` → `heater_plug_energy_power`. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug === '' ? 'unknown' : slug;
}

/**
 * FNV-1 over the UTF-8 bytes, as ESPHome's `fnv1_hash` (multiply, then xor), as unsigned 32 bits.
 * ESPHome hashes an entity's name into its unique id; the simulator also derives stable chip ids
 * and MAC addresses from device names with it.
 */
export function fnv1Hash(text: string): number {
  let hash = 2166136261;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash, 16777619) >>> 0;
    hash = (hash ^ byte) >>> 0;
  }
  return hash;
}

/** `fnv1Hash` as lower-case hex, zero-padded to 8 digits. */
export function fnv1Hex(text: string): string {
  return fnv1Hash(text).toString(16).padStart(8, '0');
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
