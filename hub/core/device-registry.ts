import type { EventBus } from './event-bus.ts';
import { HubError } from './hub-error.ts';
import type { RegistryPersistence } from './registry-persistence.ts';
import { changedKeys, definedOnly, noPersistence } from './registry-persistence.ts';

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
  /** An area id for a device seen for the first time (from `suggested_area`). */
  suggested_area_id?: string | null;
  /** An identifier of the device this one talks through (a bridge, a hub): discovery's `via_device`. */
  via_identifier?: string | null;
}

/** What a user may change on a device (`config/device_registry/update`). */
export interface DeviceChanges {
  area_id?: string | null;
  name_by_user?: string | null;
  disabled_by?: 'user' | null;
}

export class DeviceRegistry {
  private readonly devices = new Map<string, DeviceEntry>();
  private readonly byIdentifier = new Map<string, string>();

  constructor(
    private readonly bus: EventBus,
    private readonly persistence: RegistryPersistence<DeviceEntry> = noPersistence(),
  ) {
    for (const stored of persistence.load()) this.index(stored);
    // Home Assistant's device registry clears a deleted area from its devices.
    bus.on('device-registry', 'areaRegistryUpdated', ({ action, id }) => {
      if (action !== 'remove') return;
      for (const device of this.devices.values())
        if (device.area_id === id) this.update(device.id, { area_id: null });
    });
  }

  list(): DeviceEntry[] {
    return [...this.devices.values()];
  }

  get(deviceId: string): DeviceEntry | undefined {
    return this.devices.get(deviceId);
  }

  /** The device known by any of these identifiers. */
  getByIdentifiers(identifiers: readonly string[]): DeviceEntry | undefined {
    for (const identifier of identifiers) {
      const id = this.byIdentifier.get(identifier);
      if (id) return this.devices.get(id);
    }
    return undefined;
  }

  /**
   * Creates or updates the device matching any of the identifiers. What the user set — area, name,
   * disabled — is kept: a device that announces itself again (every restart of the hub or of the
   * device) is matched, never duplicated, and `suggested_area` counts only the first time.
   */
  upsert(info: DeviceInfo): DeviceEntry {
    const existing = this.getByIdentifiers(info.identifiers);
    const entry: DeviceEntry = {
      id: existing?.id ?? `dev_${info.identifiers[0] ?? this.devices.size}`,
      identifiers: info.identifiers.map((identifier) => ['mqtt', identifier]),
      name: info.name ?? existing?.name ?? null,
      name_by_user: existing?.name_by_user ?? null,
      manufacturer: info.manufacturer ?? null,
      model: info.model ?? null,
      sw_version: info.sw_version ?? null,
      hw_version: info.hw_version ?? null,
      area_id: existing ? existing.area_id : (info.suggested_area_id ?? null),
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
    if (existing && JSON.stringify(existing) === JSON.stringify(entry)) return existing;
    this.index(entry);
    this.persistence.save(entry.id, entry, false);
    this.bus.emit(
      'deviceRegistryUpdated',
      existing
        ? { action: 'update', id: entry.id, changes: changedKeys(existing, entry) }
        : { action: 'create', id: entry.id },
    );
    return entry;
  }

  /** A user's edit, on disk before it returns. */
  update(deviceId: string, changes: DeviceChanges): DeviceEntry {
    const device = this.devices.get(deviceId);
    if (!device) throw new HubError('not_found', `Device ${deviceId} not found.`);
    const old = changedKeys(device, changes);
    if (Object.keys(old).length === 0) return device;
    const updated: DeviceEntry = { ...device, ...definedOnly(changes) };
    this.devices.set(deviceId, updated);
    this.persistence.save(deviceId, updated, true);
    this.bus.emit('deviceRegistryUpdated', { action: 'update', id: deviceId, changes: old });
    return updated;
  }

  private index(entry: DeviceEntry): void {
    this.devices.set(entry.id, entry);
    for (const [, identifier] of entry.identifiers) this.byIdentifier.set(identifier, entry.id);
  }
}
