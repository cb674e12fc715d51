import type { PinConfig } from '../bridge-config.ts';
import type { McuEntity } from '../mcu/mcu-driver.ts';

/** A configured pin with the entity it serves. */
export interface FirmataPinEntity {
  readonly config: PinConfig;
  readonly entity: McuEntity;
}

/** The entity key of a pin: its `id`, else `pin7` for a digital pin, `a0` for an analog one. */
function keyOf(pin: PinConfig): string {
  return pin.id ?? (pin.mode === 'analog' ? `a${pin.pin}` : `pin${pin.pin}`);
}

/** The entities of a Firmata board's pin map; throws on two pins with the same key or pin. */
export function firmataPinEntities(pins: readonly PinConfig[]): FirmataPinEntity[] {
  const keys = new Set<string>();
  const used = new Set<string>();
  return pins.map((config) => {
    const key = keyOf(config);
    const pin = config.mode === 'analog' ? `A${config.pin}` : String(config.pin);
    if (keys.has(key)) throw new Error(`two pins are both "${key}": give one an "id"`);
    if (used.has(pin)) throw new Error(`pin ${pin} is mapped twice`);
    keys.add(key);
    used.add(pin);
    return { config, entity: entityOfPin(config, key) };
  });
}

function entityOfPin(config: PinConfig, key: string): McuEntity {
  const name = config.name ?? key;
  switch (config.mode) {
    case 'output':
      return { key, name, component: config.component };
    case 'pwm':
      return { key, name, component: 'light', dimmable: true };
    case 'analog':
      return {
        key,
        name,
        component: 'sensor',
        stateClass: 'measurement',
        ...(config.unit !== undefined ? { unit: config.unit } : {}),
        ...(config.deviceClass !== undefined ? { deviceClass: config.deviceClass } : {}),
      };
    case 'input':
      return {
        key,
        name,
        component: 'binary_sensor',
        ...(config.deviceClass !== undefined ? { deviceClass: config.deviceClass } : {}),
      };
  }
}

/** An analog reading mapped linearly from `scale.from` to `scale.to`, rounded to `decimals`. */
export function scaleReading(pin: Extract<PinConfig, { mode: 'analog' }>, raw: number): number {
  if (pin.scale === undefined) return Number(raw.toFixed(pin.decimals ?? 0));
  const [rawLow, rawHigh] = pin.scale.from;
  const [low, high] = pin.scale.to;
  const value = rawHigh === rawLow ? low : low + ((raw - rawLow) * (high - low)) / (rawHigh - rawLow);
  return Number(value.toFixed(pin.decimals ?? 1));
}
