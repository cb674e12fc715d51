import type { Attributes } from '../protocol/entity-state.ts';
import type { DeviceEntry, DeviceRegistry } from './device-registry.ts';
import type { EntityEntry, EntityRegistry } from './entity-registry.ts';
import type { EventBus } from './event-bus.ts';
import { friendlyNameOf } from './friendly-name.ts';
import type { StateMachine } from './state-machine.ts';

const OWNER = 'registry-display';

/**
 * What the registry changes in an entity's state: the user's name becomes its `friendly_name` and
 * the user's icon its `icon`, as Home Assistant's entities write them; a renamed device renames the
 * entities named after it. Undefined when the registry changes nothing (the usual case, which
 * keeps the state path free of the overlay's cost).
 */
export function displayOverlay(entry: EntityEntry, device: DeviceEntry | undefined): Attributes | undefined {
  const overlay: Record<string, unknown> = {};
  const name =
    entry.name ??
    (entry.has_entity_name && device?.name_by_user
      ? friendlyNameOf(device.name_by_user, entry.original_name)
      : null);
  if (name) overlay.friendly_name = name;
  if (entry.icon) overlay.icon = entry.icon;
  return Object.keys(overlay).length > 0 ? overlay : undefined;
}

/**
 * Keeps the state machine's overlays in line with the registries, so a rename or a new icon reaches
 * every open panel at once through `subscribe_entities`, as any state change does.
 */
export class RegistryDisplay {
  constructor(
    private readonly hub: {
      bus: EventBus;
      states: StateMachine;
      entities: EntityRegistry;
      devices: DeviceRegistry;
    },
  ) {}

  start(): void {
    const { bus, entities } = this.hub;
    for (const entry of entities.list()) this.apply(entry.entity_id);
    bus.on(OWNER, 'entityRegistryUpdated', ({ id }) => this.apply(id));
    // Only a user's rename of a device renames its entities; discovery's updates never do.
    bus.on(OWNER, 'deviceRegistryUpdated', ({ id, changes }) => {
      if (!changes || !('name_by_user' in changes)) return;
      for (const entry of entities.ofDevice(id)) this.apply(entry.entity_id);
    });
  }

  stop(): void {
    this.hub.bus.removeListeners(OWNER);
  }

  private apply(entityId: string): void {
    const entry = this.hub.entities.get(entityId);
    const device = entry?.device_id ? this.hub.devices.get(entry.device_id) : undefined;
    this.hub.states.setOverlay(entityId, entry ? displayOverlay(entry, device) : undefined);
  }
}
