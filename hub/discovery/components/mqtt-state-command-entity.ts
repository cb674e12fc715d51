import type { Attributes } from '../../protocol/entity-state.ts';
import type { CommonConfig } from '../discovery-schemas.ts';
import type { EntityContext } from '../entity-context.ts';
import { MqttEntity } from '../mqtt-entity.ts';
import { CommandTemplate, ValueTemplate } from './mqtt-templates.ts';

/** The keys of a component with one state topic and one command topic, each with its template. */
interface StateCommandConfig extends CommonConfig {
  optimistic: boolean;
  state_topic?: string | undefined;
  value_template?: string | undefined;
  command_template?: string | undefined;
}

/**
 * What Home Assistant's lock, number and select share: the state topic's payload goes through
 * `value_template`, an empty result is ignored, and the entity is optimistic without a state topic
 * (or with `optimistic: true`); commands go out through `command_template`.
 */
export abstract class MqttStateCommandEntity<Config extends StateCommandConfig> extends MqttEntity<Config> {
  protected readonly valueTemplate: ValueTemplate;
  protected readonly commandTemplate: CommandTemplate;

  constructor(
    ctx: EntityContext,
    entityId: string,
    config: Config,
    attributes: Attributes,
    defaultName: string,
  ) {
    super(ctx, entityId, config, attributes);
    const owner = { entityId, name: config.name === undefined ? defaultName : config.name };
    this.valueTemplate = new ValueTemplate(config.value_template, owner);
    this.commandTemplate = new CommandTemplate(config.command_template, owner);
  }

  protected override get optimistic(): boolean {
    return this.config.optimistic || this.config.state_topic === undefined;
  }

  protected subscribeTopics(): void {
    const topic = this.config.state_topic;
    if (topic === undefined) return;
    this.subscribe(topic, (payload) => {
      const value = this.valueTemplate.render(payload);
      if (!value.trim()) return; // Home Assistant ignores an empty state payload
      this.receive(value);
      this.writeState();
    });
  }

  /** A rendered, non-empty state payload; throws PayloadError for one the entity cannot take. */
  protected abstract receive(value: string): void;
}
