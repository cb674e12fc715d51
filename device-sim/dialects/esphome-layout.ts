import { fnv1Hex } from '../discovery-config.ts';
import type { EntitySpec } from '../entity-spec.ts';
import type { SimulatedDevice } from '../simulated-device.ts';

/**
 * Names and topics of an ESPHome node (esphome `components/mqtt/mqtt_component.cpp`): the node's
 * name is its topic prefix, each entity's object id is its name in snake case, and every
 * attribute has its own `<node>/<component>/<object_id>/<attribute>` topic.
 */

/** The version string in `dev.sw`: `"esphome v" ESPHOME_VERSION " " + compilation time`. */
export const ESPHOME_SW = 'esphome v2024.12.4 Dec 20 2024, 10:00:00';
/** `dev.mdl` is the board (`ESPHOME_BOARD`). */
export const ESPHOME_BOARD = 'esp32dev';

/** `get_mac_address()`: twelve lower-case hex digits, derived from the node name so it is stable. */
export function esphomeMac(device: SimulatedDevice): string {
  return `a4cf12${fnv1Hex(device.name).slice(0, 6)}`;
}

/** An entity's friendly name: its own, or the node's when it has none (`has_own_name` false). */
export function esphomeFriendlyName(device: SimulatedDevice, entity: EntitySpec): string {
  return entity.name ?? device.friendlyName;
}

/** `str_sanitize(str_snake_case(friendly_name))`: `Ceiling Fan` → `ceiling_fan`. */
export function esphomeObjectId(device: SimulatedDevice, entity: EntitySpec): string {
  return esphomeFriendlyName(device, entity)
    .toLowerCase()
    .replace(/ /g, '_')
    .replace(/[^a-z0-9_-]/g, '_');
}

/** `get_default_topic_for_(suffix)`: `<node>/<component>/<object_id>/<suffix>`. */
export function esphomeTopic(device: SimulatedDevice, entity: EntitySpec, suffix: string): string {
  return `${device.name}/${entity.component}/${esphomeObjectId(device, entity)}/${suffix}`;
}

/** The birth and will topic, which is also every entity's `avty_t`. */
export function esphomeStatusTopic(device: SimulatedDevice): string {
  return `${device.name}/status`;
}

/** ESPHome lists a climate's modes, presets and fan modes in its own fixed order, customs last. */
const MODE_ORDER = ['auto', 'off', 'cool', 'heat', 'fan_only', 'dry', 'heat_cool'];
const PRESET_ORDER = ['home', 'away', 'boost', 'comfort', 'eco', 'sleep', 'activity'];
const FAN_MODE_ORDER = ['on', 'off', 'auto', 'low', 'medium', 'high', 'middle', 'focus', 'diffuse', 'quiet'];

function inOrder(values: readonly string[], order: readonly string[]): string[] {
  const known = order.filter((value) => values.includes(value));
  return [...known, ...values.filter((value) => !order.includes(value))];
}

/** `off` is always there, as ESPHome adds it whatever the traits say. */
export const esphomeModes = (modes: readonly string[]): string[] =>
  inOrder([...new Set(['off', ...modes])], MODE_ORDER);
export const esphomePresets = (presets: readonly string[]): string[] => inOrder(presets, PRESET_ORDER);
export const esphomeFanModes = (modes: readonly string[]): string[] => inOrder(modes, FAN_MODE_ORDER);

/** `value_accuracy_to_string`. */
export function withDecimals(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** Home Assistant colour modes an ESPHome light announces for the simulator's: RGB stands for hs. */
export function esphomeColorModes(modes: readonly string[]): string[] {
  const out: string[] = [];
  if (modes.includes('brightness')) out.push('brightness');
  if (modes.includes('color_temp')) out.push('color_temp');
  if (modes.includes('hs')) out.push('rgb');
  return out;
}
