import type { EventBus } from './event-bus.ts';
import { slugify } from './slugify.ts';

/** An area, in the shape of Home Assistant's `config/area_registry/list`. */
export interface AreaEntry {
  area_id: string;
  name: string;
  icon: string | null;
  picture: string | null;
  aliases: string[];
  floor_id: string | null;
  labels: string[];
}

export class AreaRegistry {
  private readonly areas = new Map<string, AreaEntry>();

  constructor(private readonly bus: EventBus) {}

  list(): AreaEntry[] {
    return [...this.areas.values()];
  }

  get(areaId: string): AreaEntry | undefined {
    return this.areas.get(areaId);
  }

  /** The area with this name, created when missing: how `suggested_area` from discovery lands. */
  getOrCreate(name: string): AreaEntry {
    const areaId = slugify(name);
    const existing = this.areas.get(areaId);
    if (existing) return existing;
    const area: AreaEntry = {
      area_id: areaId,
      name,
      icon: null,
      picture: null,
      aliases: [],
      floor_id: null,
      labels: [],
    };
    this.areas.set(areaId, area);
    this.bus.emit('areaRegistryUpdated', { action: 'create', id: areaId });
    return area;
  }
}
