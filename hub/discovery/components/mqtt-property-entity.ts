import type { Context } from '../../protocol/entity-state.ts';
import { TemplateError } from '../../template/template-error.ts';
import type { CommonConfig } from '../discovery-schemas.ts';
import { MqttEntity, PayloadError } from '../mqtt-entity.ts';
import type { TemplateOwner } from './mqtt-templates.ts';

/** A topic and the payload to publish on it. */
export type Publish = readonly [topic: string, payload: string];

/** One property a command changes (a climate's mode, a fan's percentage, …). */
export interface PropertyChange {
  /**
   * True when the property has no state topic (or the config says `optimistic`): Home
   * Assistant's rule, per property, for climate and fan. The change is applied at once.
   */
  optimistic: boolean;
  /** The optimistic update. */
  apply(): void;
  /** Whether the device's last report shows the change; asked after each report. */
  confirmed(): boolean;
}

/**
 * An entity whose properties each have their own state topic — climate, fan — so that one
 * command can be optimistic for one property and wait for the device on another, which
 * MqttEntity.runCommand (all optimistic or all confirmed) cannot express. Handlers of properties
 * that share a topic (Zigbee2MQTT reports everything on one) run together, and the state is
 * written once per message.
 */
export abstract class MqttPropertyEntity<Config extends CommonConfig> extends MqttEntity<Config> {
  private readonly handlers = new Map<string, ((payload: string) => void)[]>();

  /** Home Assistant's name of the entity when the config has none ("MQTT HVAC", …), for `name`. */
  protected abstract readonly defaultName: string;
  /** Calls `listen` for each state topic of the config. */
  protected abstract listenTopics(): void;

  protected listen(topic: string | undefined, handler: (payload: string) => void): void {
    if (topic === undefined) return;
    const list = this.handlers.get(topic);
    if (list) list.push(handler);
    else this.handlers.set(topic, [handler]);
  }

  protected subscribeTopics(): void {
    this.handlers.clear();
    this.listenTopics();
    for (const [topic, handlers] of this.handlers) {
      this.subscribe(topic, (payload) => {
        for (const handler of handlers) {
          try {
            handler(payload);
          } catch (error) {
            // As MqttEntity.subscribe does, but one bad property does not hide the others.
            if (!(error instanceof TemplateError || error instanceof PayloadError)) throw error;
            this.ctx.log.warn(`${this.entityId}: ${topic}: ${error.message}`);
          }
        }
        this.writeState();
      });
    }
  }

  /**
   * Runs a command: `plan` renders every payload into `publishes` and returns the changes, before
   * anything is sent, so a failing template or a refused property publishes nothing. Then it
   * publishes, and resolves once every non-optimistic change is confirmed by a report (hearth's
   * call_service, DESIGN.md §4); optimistic changes are applied and written with the call's
   * context at once.
   */
  protected async run(context: Context, plan: (publishes: Publish[]) => PropertyChange[]): Promise<void> {
    const publishes: Publish[] = [];
    const changes = plan(publishes);
    const waiting = changes.filter((change) => !change.optimistic);
    const confirmed =
      waiting.length === 0
        ? undefined
        : this.ctx.confirmations.expect(
            this.entityId,
            context,
            () => waiting.every((change) => change.confirmed()),
            this.ctx.commandTimeoutMs,
          );
    for (const [topic, payload] of publishes) this.publish(topic, payload);
    const optimistic = changes.filter((change) => change.optimistic);
    for (const change of optimistic) change.apply();
    if (optimistic.length > 0 || waiting.length === 0) this.writeState(context);
    await confirmed;
  }

  /** Who renders the entity's templates: its id, and its own name (null with `name: null`). */
  protected templateOwner(): TemplateOwner {
    return {
      entityId: this.entityId,
      name: this.config.name === undefined ? this.defaultName : this.config.name,
    };
  }

  /** `this`, as Home Assistant's MQTT templates have it (`entity_id` and `name` come with the owner). */
  protected templateVariables(): Record<string, unknown> {
    const state = this.ctx.states.get(this.entityId);
    return {
      this: state
        ? {
            entity_id: state.entity_id,
            state: state.state,
            attributes: state.attributes,
            last_changed: state.last_changed,
            last_updated: state.last_updated,
          }
        : undefined,
    };
  }
}
