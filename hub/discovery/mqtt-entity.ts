import type { Expectation } from '../core/command-confirmations.ts';
import type { Attributes, Context } from '../protocol/entity-state.ts';
import { STATE_UNAVAILABLE, STATE_UNKNOWN } from '../protocol/entity-state.ts';
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

  constructor(
    protected readonly ctx: EntityContext,
    readonly entityId: string,
    protected readonly config: Config,
    /** Attributes that do not change with the state: friendly_name, device_class, unit, … */
    protected readonly staticAttributes: Attributes,
  ) {
    this.availability = new Availability(config);
  }

  /** The entity's state string, or null while unknown. */
  protected abstract stateValue(): string | null;
  /** Attributes that describe the current state (brightness, …); omitted while unavailable. */
  protected stateAttributes(): Attributes {
    return {};
  }
  /** Subscribes to the entity's own topics. */
  protected abstract subscribeTopics(): void;

  start(): void {
    for (const topic of this.availability.topics) {
      this.subscribe(topic.topic, (payload) => {
        if (this.availability.receive(topic, payload)) this.writeState();
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
    if (this.stopped) return;
    const available = this.availability.available;
    const value = available ? (this.stateValue() ?? STATE_UNKNOWN) : STATE_UNAVAILABLE;
    const attributes = available
      ? { ...this.stateAttributes(), ...this.staticAttributes }
      : this.staticAttributes;
    this.ctx.states.set(this.entityId, value, attributes, context);
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
    );
    send();
    await confirmed;
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
