import type { AreaRegistry } from '../core/area-registry.ts';
import type { DeviceRegistry } from '../core/device-registry.ts';
import type { EntityRegistry } from '../core/entity-registry.ts';
import { parseInput } from '../core/parse-input.ts';
import { slugify } from '../core/slugify.ts';
import { BIRTH_PAYLOAD_ONLINE } from '../protocol/mqtt-conventions.ts';
import { TemplateError } from '../template/template-error.ts';
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

interface Discovered {
  payload: string;
  entity: MqttEntity;
}

/**
 * Home Assistant MQTT discovery (https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery):
 * subscribes to `<prefix>/+/+/config` and `<prefix>/+/+/+/config`, builds one entity per config,
 * updates it when the config changes and removes it on an empty payload. Then publishes the birth
 * message so devices that keep no retained config send theirs again.
 */
export class MqttDiscovery {
  private readonly discovered = new Map<string, Discovered>();
  private readonly unsubscribes: (() => void)[] = [];

  constructor(
    private readonly ctx: EntityContext & {
      entities: EntityRegistry;
      devices: DeviceRegistry;
      areas: AreaRegistry;
    },
    private readonly options: MqttDiscoveryOptions,
  ) {}

  start(): void {
    const { prefix } = this.options;
    const handler = (topic: string, payload: Buffer) => this.receive(topic, payload);
    this.unsubscribes.push(this.ctx.mqtt.subscribe(`${prefix}/+/+/config`, handler));
    this.unsubscribes.push(this.ctx.mqtt.subscribe(`${prefix}/+/+/+/config`, handler));
    this.unsubscribes.push(this.ctx.mqtt.onReconnect(() => this.publishBirth()));
    this.publishBirth();
  }

  stop(): void {
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
    const previous = this.discovered.get(where.discoveryId);
    if (raw.length === 0) {
      if (previous) {
        previous.entity.stop();
        this.ctx.entities.remove(previous.entity.entityId);
        this.discovered.delete(where.discoveryId);
        this.ctx.log.info(`discovery: ${topic}: removed ${previous.entity.entityId}`);
      }
      return;
    }
    if (raw.length > this.options.maxPayloadBytes) {
      this.ctx.log.warn(
        `discovery: ${topic}: config of ${raw.length} bytes refused (max ${this.options.maxPayloadBytes})`,
      );
      return;
    }
    const payload = raw.toString('utf8');
    if (previous?.payload === payload) return;
    try {
      const create = this.prepare(where.component, where.objectId, where.discoveryId, payload);
      if (!create) return;
      // The old entity goes first: it unregisters its controller, which the new one then replaces.
      previous?.entity.stop();
      const entity = create();
      this.discovered.set(where.discoveryId, { payload, entity });
      entity.start();
      this.ctx.log.debug(`discovery: ${topic}: ${previous ? 'updated' : 'added'} ${entity.entityId}`);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      this.ctx.log.warn(
        `discovery: ${topic}: ${error instanceof TemplateError ? `template: ${error.message}` : error.message}`,
      );
    }
  }

  /** Validates and registers a config; returns the entity's constructor, or undefined to ignore it. */
  private prepare(
    component: string,
    objectId: string,
    discoveryId: string,
    payload: string,
  ): (() => MqttEntity) | undefined {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      throw new Error('config is not valid JSON');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new Error('config is not a JSON object');
    const expanded = expandDiscoveryPayload(json as Record<string, unknown>);
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
    const area = device.suggested_area ? this.ctx.areas.getOrCreate(device.suggested_area) : undefined;
    return this.ctx.devices.upsert({
      identifiers,
      name: device.name ?? null,
      manufacturer: device.manufacturer ?? null,
      model: device.model ?? null,
      sw_version: device.sw_version ?? null,
      hw_version: device.hw_version ?? null,
      configuration_url: device.configuration_url ?? null,
      suggested_area_id: area?.area_id ?? null,
    });
  }
}

/** `has_entity_name` naming: the device's name, then the entity's; `name: null` is the device alone. */
function friendlyNameOf(deviceName: string | null, entityName: string | null): string | null {
  if (!deviceName) return entityName;
  if (!entityName) return deviceName;
  // Devices often repeat their name in the entity's; Home Assistant strips it (and warns).
  if (entityName.toLowerCase().startsWith(`${deviceName.toLowerCase()} `)) return entityName;
  return `${deviceName} ${entityName}`;
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
