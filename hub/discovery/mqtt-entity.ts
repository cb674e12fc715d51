import type { Expectation } from '../core/command-confirmations.ts';
import { HubError } from '../core/hub-error.ts';
import type { Attributes, Context } from '../protocol/entity-state.ts';
import { STATE_UNAVAILABLE, STATE_UNKNOWN } from '../protocol/entity-state.ts';
import type { CompiledTemplate } from '../template/compile-template.ts';
import { compileTemplate, renderValueTemplate } from '../template/compile-template.ts';
import { TemplateError } from '../template/template-error.ts';
import { Availability } from './availability.ts';
import type { CommonConfig } from './discovery-schemas.ts';
import type { EntityContext } from './entity-context.ts';

/**
 * What every discovered MQTT entity shares: subscriptions that it undoes on `stop()`, its
 * availability, and the write of its state through the one state path. Subclasses keep their own
 * state (`null` = unknown) and say which attributes describe it.
 */
export abstract class MqttEntity<Config extends CommonConfig = CommonConfig> {
  protected readonly availability: Availability;
  private readonly unsubscribes: (() => void)[] = [];
  private stopped = false;
  private jsonAttributes: Attributes = {};
  private readonly jsonAttributesTemplate: CompiledTemplate | undefined;

  constructor(
    protected readonly ctx: EntityContext,
    readonly entityId: string,
    protected readonly config: Config,
    /** Attributes that do not change with the state: friendly_name, device_class, unit, … */
    protected readonly staticAttributes: Attributes,
  ) {
    this.availability = new Availability(config);
    this.jsonAttributesTemplate =
      config.json_attributes_template !== undefined
        ? compileTemplate(config.json_attributes_template)
        : undefined;
  }

  /** The entity's state string, or null while unknown. */
  protected abstract stateValue(): string | null;
  /** Attributes that describe the current state (brightness, …); omitted while unavailable. */
  protected stateAttributes(): Attributes {
    return {};
  }
  /** Subscribes to the entity's own topics. */
  protected abstract subscribeTopics(): void;
  /**
   * Attributes from `json_attributes_topic` (https://www.home-assistant.io/integrations/sensor.mqtt/#json_attributes_topic),
   * omitted while unavailable. The entity's own attributes win over them.
   */
  protected extraStateAttributes(): Attributes {
    return this.jsonAttributes;
  }
  /** Keys `json_attributes_topic` may not set for this kind of entity, beyond the shared ones (a light's `brightness`, …). */
  protected get jsonAttributesBlocked(): ReadonlySet<string> {
    return NO_KEYS;
  }

  start(): void {
    for (const topic of this.availability.topics) {
      this.subscribe(topic.topic, (payload) => {
        if (this.availability.receive(topic, payload)) this.writeState();
      });
    }
    const attributesTopic = this.config.json_attributes_topic;
    if (attributesTopic !== undefined) {
      this.subscribe(attributesTopic, (payload) => {
        const template = this.jsonAttributesTemplate;
        const text = template ? renderValueTemplate(template, payload).trim() : payload;
        this.jsonAttributes = parseJsonAttributes(text, this.jsonAttributesBlocked);
        this.writeState();
      });
    }
    this.subscribeTopics();
    this.writeState();
  }

  stop(): void {
    this.stopped = true;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    this.ctx.controllers.delete(this.entityId);
    this.ctx.states.remove(this.entityId);
  }

  get available(): boolean {
    return this.availability.available;
  }

  protected subscribe(topic: string, handler: (payload: string) => void): void {
    this.unsubscribes.push(
      this.ctx.mqtt.subscribe(topic, (_topic, payload) => {
        if (this.stopped) return;
        try {
          handler(payload.toString('utf8'));
        } catch (error) {
          // A bad payload or template is the device's fault: log it against the entity, keep going.
          if (error instanceof TemplateError || error instanceof PayloadError) {
            this.ctx.log.warn(`${this.entityId}: ${topic}: ${error.message}`);
          } else throw error;
        }
      }),
    );
  }

  /** Writes the current state; a report that matches a pending command takes its context. */
  protected writeState(context?: Context): void {
    if (this.stopped || this.restoredStateHolds()) return;
    const available = this.availability.available;
    const value = available ? (this.stateValue() ?? STATE_UNKNOWN) : STATE_UNAVAILABLE;
    const attributes = available
      ? { ...this.extraStateAttributes(), ...this.stateAttributes(), ...this.staticAttributes }
      : this.staticAttributes;
    this.ctx.states.set(this.entityId, value, attributes, context);
  }

  /**
   * After a restart the entity's last state is back, marked `restored` (the recorder put it there).
   * It stays until the device reports a state, or its availability contradicts it: offline for a
   * state that was available, online for one that was `unavailable`.
   */
  private restoredStateHolds(): boolean {
    if (this.stateValue() !== null) return false;
    const current = this.ctx.states.get(this.entityId);
    if (current?.attributes.restored !== true) return false;
    if (!this.availability.reported) return true;
    return this.availability.available === (current.state !== STATE_UNAVAILABLE);
  }

  /**
   * Sends a command and resolves when the device confirms it (hearth's `call_service`, DESIGN.md
   * §4). Optimistic entities, which have no state topic to confirm with, apply it at once.
   */
  protected async runCommand(
    context: Context,
    send: () => void,
    expect: Expectation,
    applyOptimistic: () => void,
    progress?: Expectation,
  ): Promise<void> {
    if (this.optimistic) {
      send();
      applyOptimistic();
      this.writeState(context);
      return;
    }
    const confirmed = this.ctx.confirmations.expect(
      this.entityId,
      context,
      expect,
      this.ctx.commandTimeoutMs,
      { progress },
    );
    send();
    try {
      await confirmed;
    } catch (error) {
      // The transport held the command for as long as the call waited, then dropped it: say why.
      if (error instanceof HubError && error.code === 'device_timeout' && !this.ctx.mqtt.connected)
        throw new HubError(
          'device_timeout',
          `${error.message}: the hub has no connection to the MQTT broker`,
        );
      throw error;
    }
  }

  /** True when the entity has no state topic, or its config says so. */
  protected get optimistic(): boolean {
    return false;
  }

  protected publish(topic: string, payload: string): void {
    this.ctx.mqtt.publish(topic, payload, {
      qos: this.config.qos === 2 ? 1 : this.config.qos,
      retain: this.config.retain,
    });
  }
}

/** A state payload the entity cannot use; logged against the entity, never fatal. */
export class PayloadError extends Error {}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Keys a device may not set through `json_attributes_topic`: Home Assistant's
 * `MQTT_ATTRIBUTES_BLOCKED`, the names of the entity model itself, and the names that would reach
 * an object's prototype.
 */
const JSON_ATTRIBUTES_BLOCKED: ReadonlySet<string> = new Set([
  'assumed_state',
  'attribution',
  'available',
  'context',
  'context_recent_time',
  'device_class',
  'device_info',
  'entity_category',
  'entity_id',
  'entity_picture',
  'entity_registry_enabled_default',
  'extra_state_attributes',
  'force_update',
  'friendly_name',
  'icon',
  'last_changed',
  'last_reported',
  'last_updated',
  'name',
  'should_poll',
  'state',
  'supported_features',
  'unique_id',
  'unit_of_measurement',
  '__proto__',
  'constructor',
  'prototype',
]);
/** Bounds on what one `json_attributes_topic` message may add to an entity's every state event. */
export const JSON_ATTRIBUTES_MAX_LENGTH = 16 * 1024;
export const JSON_ATTRIBUTES_MAX_KEYS = 100;

/**
 * A `json_attributes_topic` payload (after its template) as attributes: a JSON object whose keys,
 * less the blocked ones, become attributes. Anything else is a PayloadError, and the entity keeps
 * the attributes it had, as Home Assistant does.
 */
export function parseJsonAttributes(text: string, blocked: ReadonlySet<string> = NO_KEYS): Attributes {
  if (text.length > JSON_ATTRIBUTES_MAX_LENGTH)
    throw new PayloadError(
      `json attributes of ${text.length} characters refused (max ${JSON_ATTRIBUTES_MAX_LENGTH})`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PayloadError(`json attributes are not valid JSON: "${text.slice(0, 64)}"`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new PayloadError('json attributes are not a JSON object');
  const entries = Object.entries(json);
  if (entries.length > JSON_ATTRIBUTES_MAX_KEYS)
    throw new PayloadError(
      `json attributes with ${entries.length} keys refused (max ${JSON_ATTRIBUTES_MAX_KEYS})`,
    );
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (!JSON_ATTRIBUTES_BLOCKED.has(key) && !blocked.has(key)) attributes[key] = value;
  }
  return attributes;
}
