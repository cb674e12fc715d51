import type { AreaRegistry } from '../core/area-registry.ts';
import type { DeviceRegistry } from '../core/device-registry.ts';
import type { EntityRegistry } from '../core/entity-registry.ts';
import { friendlyNameOf } from '../core/friendly-name.ts';
import { parseInput } from '../core/parse-input.ts';
import { slugify } from '../core/slugify.ts';
import { BIRTH_PAYLOAD_ONLINE } from '../protocol/mqtt-conventions.ts';
import { TemplateError } from '../template/template-error.ts';
import { BirthAnnouncer } from './birth-announcer.ts';
import { COMPONENTS } from './components/index.ts';
import type { CommonConfig } from './discovery-schemas.ts';
import { parseDiscoveryTopic } from './discovery-topic.ts';
import type { EntityContext } from './entity-context.ts';
import { expandDiscoveryPayload } from './expand-discovery-payload.ts';
import type { MqttEntity } from './mqtt-entity.ts';

export interface MqttDiscoveryOptions {
  prefix: string;
  /** Largest discovery payload accepted; real configs are a few KiB. */
  maxPayloadBytes: number;
}

type Json = Record<string, unknown>;

/** Component ids of device-based discovery, as Home Assistant's: no separators, nothing to inject. */
const COMPONENT_ID = /^[a-zA-Z0-9_-]{1,128}$/;

function parseObject(payload: string): Json {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    throw new Error('config is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error('config is not a JSON object');
  return json as Json;
}

interface Discovered {
  payload: string;
  entity: MqttEntity;
}

/**
 * Home Assistant MQTT discovery (https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery):
 * subscribes to `<prefix>/+/+/config` and `<prefix>/+/+/+/config`, builds one entity per config,
 * updates it when the config changes and removes it on an empty payload. Then, once the retained
 * configs are in, publishes the birth message so devices that keep no retained config send theirs
 * again (birth-announcer.ts).
 */
export class MqttDiscovery {
  private readonly discovered = new Map<string, Discovered>();
  /** Discovery ids whose entities are moving to another topic (`migrate_discovery`). */
  private readonly migrated = new Set<string>();
  private readonly unsubscribes: (() => void)[] = [];
  private readonly birth: BirthAnnouncer;

  constructor(
    private readonly ctx: EntityContext & {
      entities: EntityRegistry;
      devices: DeviceRegistry;
      areas: AreaRegistry;
    },
    private readonly options: MqttDiscoveryOptions,
  ) {
    this.birth = new BirthAnnouncer(ctx.clock, () => this.publishBirth());
  }

  start(): void {
    const { prefix } = this.options;
    const handler = (topic: string, payload: Buffer) => this.receive(topic, payload);
    this.unsubscribes.push(this.ctx.mqtt.subscribe(`${prefix}/+/+/config`, handler));
    this.unsubscribes.push(this.ctx.mqtt.subscribe(`${prefix}/+/+/+/config`, handler));
    this.unsubscribes.push(this.ctx.mqtt.onReconnect(() => this.birth.request()));
    this.birth.request();
  }

  stop(): void {
    this.birth.stop();
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    for (const { entity } of this.discovered.values()) entity.stop();
    this.discovered.clear();
  }

  get size(): number {
    return this.discovered.size;
  }

  private publishBirth(): void {
    this.ctx.mqtt.publish(`${this.options.prefix}/status`, BIRTH_PAYLOAD_ONLINE);
  }

  private receive(topic: string, raw: Buffer): void {
    const where = parseDiscoveryTopic(this.options.prefix, topic);
    if (!where) return;
    this.birth.activity();
    if (raw.length > this.options.maxPayloadBytes) {
      this.ctx.log.warn(
        `discovery: ${topic}: config of ${raw.length} bytes refused (max ${this.options.maxPayloadBytes})`,
      );
      return;
    }
    try {
      const json = raw.length === 0 ? undefined : parseObject(raw.toString('utf8'));
      if (where.component === 'device') this.receiveDevice(topic, where.discoveryId, json);
      else this.receiveComponent(topic, where.discoveryId, where.component, where.objectId, json);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      this.ctx.log.warn(
        `discovery: ${topic}: ${error instanceof TemplateError ? `template: ${error.message}` : error.message}`,
      );
    }
  }

  /** `<prefix>/<component>/[<node_id>/]<object_id>/config`: one entity. */
  private receiveComponent(
    topic: string,
    discoveryId: string,
    component: string,
    objectId: string,
    json: Json | undefined,
  ): void {
    if (json === undefined) {
      // After a migration the old topic is cleared: that must not remove the migrated entity.
      if (this.migrated.delete(discoveryId)) return;
      this.remove(discoveryId, topic);
      return;
    }
    if (json.migrate_discovery === true) {
      this.unload(discoveryId, topic);
      return;
    }
    this.migrated.delete(discoveryId);
    this.apply(discoveryId, component, objectId, json);
  }

  /**
   * `<prefix>/device/<object_id>/config` (https://www.home-assistant.io/integrations/mqtt/#device-discovery-payload):
   * `cmps` maps component ids to configs with their platform `p`; the other keys are shared by
   * every component, which may override them. A component reduced to its `p` is removed, and so is
   * one that is no longer listed.
   */
  private receiveDevice(topic: string, deviceKey: string, json: Json | undefined): void {
    const existing = [...this.discovered.keys()].filter((id) => id.startsWith(`${deviceKey}/`));
    if (json === undefined) {
      if (this.migrated.delete(deviceKey)) return;
      for (const id of existing) this.remove(id, topic);
      return;
    }
    if (json.migrate_discovery === true) {
      for (const id of existing) this.unload(id, topic);
      this.migrated.add(deviceKey);
      return;
    }
    this.migrated.delete(deviceKey);
    const { cmps, components, ...shared } = json;
    const listed = cmps ?? components;
    if (typeof listed !== 'object' || listed === null || Array.isArray(listed))
      throw new Error('config.cmps must be an object');
    const seen = new Set<string>();
    for (const [componentId, raw] of Object.entries(listed as Json)) {
      if (!COMPONENT_ID.test(componentId))
        throw new Error(`config.cmps.${componentId.slice(0, 64)}: not a valid component id`);
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        throw new Error(`config.cmps.${componentId}: must be an object`);
      const { p, platform, ...own } = raw as Json;
      const component = p ?? platform;
      if (typeof component !== 'string')
        throw new Error(`config.cmps.${componentId}.p: the platform is missing`);
      const id = `${deviceKey}/${componentId}`;
      if (Object.keys(own).length === 0) continue;
      seen.add(id);
      try {
        this.apply(id, component, componentId, { ...shared, ...own });
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        this.ctx.log.warn(`discovery: ${topic}: cmps.${componentId}: ${error.message}`);
      }
    }
    for (const id of existing) if (!seen.has(id)) this.remove(id, topic);
  }

  /** Creates or updates the entity of one config; an unchanged config is a no-op. */
  private apply(discoveryId: string, component: string, objectId: string, json: Json): void {
    const payload = JSON.stringify(json);
    const previous = this.discovered.get(discoveryId);
    if (previous?.payload === payload) return;
    const create = this.prepare(component, objectId, discoveryId, json);
    if (!create) return;
    // The old entity goes first: it unregisters its controller, which the new one then replaces.
    previous?.entity.stop();
    const entity = create();
    this.discovered.set(discoveryId, { payload, entity });
    entity.start();
    this.ctx.log.debug(`discovery: ${discoveryId}: ${previous ? 'updated' : 'added'} ${entity.entityId}`);
  }

  /** Removes an entity and its registration. */
  private remove(discoveryId: string, topic: string): void {
    const previous = this.discovered.get(discoveryId);
    if (!previous) return;
    previous.entity.stop();
    this.ctx.entities.remove(previous.entity.entityId);
    this.discovered.delete(discoveryId);
    this.ctx.log.info(`discovery: ${topic}: removed ${previous.entity.entityId}`);
  }

  /**
   * `migrate_discovery`: the device moves the entity to another discovery topic. The entity stops
   * but keeps its registration, so the new config (same `unique_id`) gets the same entity id.
   */
  private unload(discoveryId: string, topic: string): void {
    const previous = this.discovered.get(discoveryId);
    this.migrated.add(discoveryId);
    if (!previous) return;
    previous.entity.stop();
    this.discovered.delete(discoveryId);
    this.ctx.log.info(`discovery: ${topic}: ${previous.entity.entityId} is migrating`);
  }

  /** Validates and registers a config; returns the entity's constructor, or undefined to ignore it. */
  private prepare(
    component: string,
    objectId: string,
    discoveryId: string,
    json: Json,
  ): (() => MqttEntity) | undefined {
    const expanded = expandDiscoveryPayload(json);
    const kind = COMPONENTS.get(component);
    if (!kind) {
      this.ctx.log.debug(`discovery: component ${component} is not supported yet; ignored`);
      return undefined;
    }
    const config = parseInput(kind.schemaFor(expanded), expanded, 'config');

    const device = this.registerDevice(config);
    const deviceName = device?.name_by_user ?? device?.name ?? null;
    const entityName = config.name === undefined ? kind.defaultName : config.name;
    const friendlyName = friendlyNameOf(deviceName, entityName) ?? kind.defaultName;
    const entry = this.ctx.entities.register({
      domain: kind.domain,
      unique_id: config.unique_id ?? `discovery:${discoveryId}`,
      platform: 'mqtt',
      suggested_object_id: suggestedObjectId(kind.domain, config, friendlyName, objectId),
      original_name: entityName,
      device_id: device?.id ?? null,
      entity_category: config.entity_category ?? null,
      has_entity_name: device !== undefined,
    });
    const attributes = {
      ...kind.capabilities(config),
      ...(config.device_class ? { device_class: config.device_class } : {}),
      ...(config.icon ? { icon: config.icon } : {}),
      friendly_name: entry.name ?? friendlyName,
    };
    return () => kind.create(this.ctx, entry.entity_id, config, attributes);
  }

  private registerDevice(config: CommonConfig) {
    const device = config.device;
    if (!device) return undefined;
    const identifiers = [
      ...(typeof device.identifiers === 'string' ? [device.identifiers] : (device.identifiers ?? [])),
      ...(device.connections ?? []).map(([type, value]) => `${type}:${value}`),
    ];
    if (identifiers.length === 0) return undefined;
    // `suggested_area` places a new device; a known one stays where the user put it, even in no area.
    const known = this.ctx.devices.getByIdentifiers(identifiers);
    const area =
      !known && device.suggested_area ? this.ctx.areas.getOrCreate(device.suggested_area) : undefined;
    return this.ctx.devices.upsert({
      identifiers,
      name: device.name ?? null,
      manufacturer: device.manufacturer ?? null,
      model: device.model ?? null,
      sw_version: device.sw_version ?? null,
      hw_version: device.hw_version ?? null,
      configuration_url: device.configuration_url ?? null,
      suggested_area_id: area?.area_id ?? null,
      via_identifier: device.via_device ?? null,
    });
  }
}

/** `default_entity_id` (HA 2025.10+), else the deprecated `object_id`, else the friendly name. */
function suggestedObjectId(
  domain: string,
  config: CommonConfig,
  friendlyName: string,
  topicObjectId: string,
): string {
  if (config.default_entity_id?.startsWith(`${domain}.`))
    return config.default_entity_id.slice(domain.length + 1);
  if (config.object_id) return config.object_id;
  return slugify(friendlyName) === 'unknown' ? topicObjectId : friendlyName;
}
