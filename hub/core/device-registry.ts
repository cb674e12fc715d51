import type { EventBus } from './event-bus.ts';

/** A device, in the shape of Home Assistant's `config/device_registry/list`. */
export interface DeviceEntry {
  id: string;
  identifiers: [string, string][];
  name: string | null;
  name_by_user: string | null;
  manufacturer: string | null;
  model: string | null;
  sw_version: string | null;
  hw_version: string | null;
  area_id: string | null;
  via_device_id: string | null;
  configuration_url: string | null;
  disabled_by: string | null;
  entry_type: string | null;
  connections: [string, string][];
  config_entries: string[];
}

/** What discovery knows of a device; the registry decides ids and keeps the user's edits. */
export interface DeviceInfo {
  /** The device's own identifiers (discovery's `device.identifiers`); the first one keys it. */
  identifiers: string[];
  name?: string | null;
  manufacturer?: string | null;
  model?: string | null;
  sw_version?: string | null;
  hw_version?: string | null;
  configuration_url?: string | null;
  /** An area id to use when the device has none yet (from `suggested_area`). */
  suggested_area_id?: string | null;
  /** An identifier of the device this one talks through (a bridge, a hub): discovery's `via_device`. */
  via_identifier?: string | null;
}

export class DeviceRegistry {
  private readonly devices = new Map<string, DeviceEntry>();
  private readonly byIdentifier = new Map<string, string>();

  constructor(private readonly bus: EventBus) {}

  list(): DeviceEntry[] {
    return [...this.devices.values()];
  }

  get(deviceId: string): DeviceEntry | undefined {
    return this.devices.get(deviceId);
  }

  /** Creates or updates the device matching any of the identifiers; user edits (area, name) are kept. */
  upsert(info: DeviceInfo): DeviceEntry {
    const knownId = info.identifiers.map((identifier) => this.byIdentifier.get(identifier)).find(Boolean);
    const existing = knownId ? this.devices.get(knownId) : undefined;
    const entry: DeviceEntry = {
      id: existing?.id ?? `dev_${info.identifiers[0] ?? this.devices.size}`,
      identifiers: info.identifiers.map((identifier) => ['mqtt', identifier]),
      name: info.name ?? existing?.name ?? null,
      name_by_user: existing?.name_by_user ?? null,
      manufacturer: info.manufacturer ?? null,
      model: info.model ?? null,
      sw_version: info.sw_version ?? null,
      hw_version: info.hw_version ?? null,
      area_id: existing?.area_id ?? info.suggested_area_id ?? null,
      via_device_id:
        (info.via_identifier ? this.byIdentifier.get(info.via_identifier) : undefined) ??
        existing?.via_device_id ??
        null,
      configuration_url: info.configuration_url ?? null,
      disabled_by: existing?.disabled_by ?? null,
      entry_type: null,
      connections: [],
      config_entries: [],
    };
    this.devices.set(entry.id, entry);
    for (const identifier of info.identifiers) this.byIdentifier.set(identifier, entry.id);
    this.bus.emit('deviceRegistryUpdated', { action: existing ? 'update' : 'create', id: entry.id });
    return entry;
  }
}
