/**
 * What a simulated device offers, independent of how it is put on the wire: one spec per Home
 * Assistant entity. A device's behaviour reads and writes its state in Zigbee2MQTT's JSON form
 * (the `hearth/<device>` payload); each dialect (`dialects/*.ts`) turns these specs and that state
 * into its own discovery configs, topics and payloads.
 *
 * The state keys each component uses are fixed, as Zigbee2MQTT's exposes name them:
 * light `state`/`brightness`/`color_mode`/`color`/`color_temp`/`effect`; switch `state`;
 * climate `local_temperature`/`current_heating_setpoint`/`system_mode`/`running_state`/`preset`/
 * `fan_mode`; cover `state`/`position`/`motor_state`/`tilt`; lock `state`/`lock_state`;
 * fan `fan_state`/`fan_mode`/`oscillating`/`direction`. Sensors, numbers and selects name theirs.
 */
export type EntityComponent =
  | 'light'
  | 'switch'
  | 'sensor'
  | 'binary_sensor'
  | 'climate'
  | 'cover'
  | 'lock'
  | 'fan'
  | 'number'
  | 'select'
  | 'button';

interface EntityBase {
  /** Unique within the device: the discovery topic's object id and the unique id's suffix. */
  readonly key: string;
  /** `null`: the device's main feature, named after the device (Home Assistant's `name: null`). */
  readonly name: string | null;
  readonly entityCategory?: 'config' | 'diagnostic';
  readonly icon?: string;
}

export type LightColorMode = 'brightness' | 'color_temp' | 'hs';

export interface LightEntity extends EntityBase {
  readonly component: 'light';
  /** `['brightness']` for a dimmer; `['color_temp', 'hs']` for a colour bulb. */
  readonly colorModes: readonly LightColorMode[];
  /** Mireds, when `colorModes` has `color_temp`. */
  readonly minMireds?: number;
  readonly maxMireds?: number;
  readonly effects?: readonly string[];
}

export interface SwitchEntity extends EntityBase {
  readonly component: 'switch';
}

export interface SensorEntity extends EntityBase {
  readonly component: 'sensor';
  /** The state key. */
  readonly property: string;
  readonly deviceClass?: string;
  readonly unit?: string;
  readonly stateClass?: 'measurement' | 'total_increasing';
  /** Decimals reported, as ESPHome's `accuracy_decimals`. */
  readonly decimals: number;
  /** Where Tasmota reports it in `tele/<t>/SENSOR`: `['ENERGY', 'Power']`, `['AM2301', 'Temperature']`. */
  readonly tasmota?: readonly [sensor: string, key: string];
}

export interface BinarySensorEntity extends EntityBase {
  readonly component: 'binary_sensor';
  readonly property: string;
  readonly deviceClass: string;
  /** `true` when the state value `true` means OFF, as a door contact's `contact` (closed). */
  readonly inverted: boolean;
}

export type ClimateMode = 'off' | 'heat' | 'cool' | 'auto' | 'fan_only';

export interface ClimateEntity extends EntityBase {
  readonly component: 'climate';
  readonly modes: readonly ClimateMode[];
  /** Without `none`, which means "no preset" in the state. */
  readonly presets: readonly string[];
  /** Empty: no fan control (a radiator valve). */
  readonly fanModes: readonly string[];
  /** °C */
  readonly minTemp: number;
  readonly maxTemp: number;
  readonly step: number;
}

export interface CoverEntity extends EntityBase {
  readonly component: 'cover';
  readonly deviceClass?: 'blind' | 'shade' | 'curtain' | 'shutter';
  /** A venetian blind's slats, 0..100. */
  readonly tilt: boolean;
}

export interface LockEntity extends EntityBase {
  readonly component: 'lock';
}

export interface FanEntity extends EntityBase {
  readonly component: 'fan';
  /** Speed names, slowest first: Zigbee2MQTT's `fan_mode` values; ESPHome's levels 1..n. */
  readonly speeds: readonly string[];
  readonly presets: readonly string[];
  readonly oscillation: boolean;
  readonly direction: boolean;
}

export interface NumberEntity extends EntityBase {
  readonly component: 'number';
  readonly property: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly unit?: string;
  readonly deviceClass?: string;
  readonly mode?: 'box' | 'slider';
}

export interface SelectEntity extends EntityBase {
  readonly component: 'select';
  readonly property: string;
  readonly options: readonly string[];
}

export type ButtonAction = 'identify' | 'restart';

export interface ButtonEntity extends EntityBase {
  readonly component: 'button';
  /** The command key, as Zigbee2MQTT's `/set/<property>`. */
  readonly property: string;
  /** What a press sends on that key (Zigbee2MQTT's `payload_press`). */
  readonly payload: string;
  readonly action: ButtonAction;
  readonly deviceClass?: 'identify' | 'restart';
}

export type EntitySpec =
  | LightEntity
  | SwitchEntity
  | SensorEntity
  | BinarySensorEntity
  | ClimateEntity
  | CoverEntity
  | LockEntity
  | FanEntity
  | NumberEntity
  | SelectEntity
  | ButtonEntity;

/** Settings and actions any device can carry besides its main feature. */
export type ExtraEntitySpec =
  | (NumberEntity & { readonly initial: number })
  | (SelectEntity & { readonly initial: string })
  | ButtonEntity;
