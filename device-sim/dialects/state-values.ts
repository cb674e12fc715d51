/**
 * Reading a device's state (Zigbee2MQTT's JSON form, see `entity-spec.ts`) from a dialect, which
 * knows the keys by convention but not the device's TypeScript type.
 */
export type StateRecord = Readonly<Record<string, unknown>>;

export function numberAt(state: StateRecord, key: string, fallback = 0): number {
  const value = state[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function stringAt(state: StateRecord, key: string, fallback = ''): string {
  const value = state[key];
  return typeof value === 'string' ? value : fallback;
}

export function booleanAt(state: StateRecord, key: string): boolean {
  return state[key] === true;
}

/** `{ h, s }` at `key`, or undefined. */
export function hsAt(state: StateRecord, key: string): { h: number; s: number } | undefined {
  const value = state[key];
  if (typeof value !== 'object' || value === null) return undefined;
  const { h, s } = value as { h?: unknown; s?: unknown };
  return typeof h === 'number' && typeof s === 'number' ? { h, s } : undefined;
}

/** The state and the settings of a device, as one record. */
export function stateOf(device: { state: object; settings: StateRecord }): StateRecord {
  return { ...(device.state as StateRecord), ...device.settings };
}
