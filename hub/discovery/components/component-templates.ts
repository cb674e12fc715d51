import { HubError } from '../../core/hub-error.ts';
import type { CompiledTemplate } from '../../template/compile-template.ts';
import { compileTemplate, renderValueTemplate, TemplateError } from '../../template/compile-template.ts';

type Variables = Readonly<Record<string, unknown>>;

/** Who renders: Home Assistant gives every MQTT template `entity_id` and `name`. */
export interface TemplateOwner {
  entityId: string;
  /** The entity's own name (`name` in the config, else the component's default); null when `name: null`. */
  name: string | null;
}

// Home Assistant's `is_template_string`: a template without these delimiters is static text.
const JINJA_DELIMITERS = /\{%|\{\{|\{#/;

/**
 * Home Assistant's `MqttCommandTemplate.async_render`: without a template the value itself is
 * published; with one, it renders with `value`, `entity_id`, `name` and the caller's variables
 * (which win), and the output is stripped. A failing template fails the command, not the hub.
 */
export class CommandTemplate {
  private readonly compiled: CompiledTemplate | undefined;

  constructor(
    private readonly source: string | undefined,
    private readonly owner: TemplateOwner,
    private readonly key = 'command_template',
  ) {
    this.compiled =
      source !== undefined && JINJA_DELIMITERS.test(source) ? compileTemplate(source) : undefined;
  }

  /** `text` is what MQTT publishes for `value` without a template: Python's `str(value)`. */
  render(value: unknown, text: string, variables: Variables = {}): string {
    if (this.source === undefined) return text;
    if (!this.compiled) return this.source;
    try {
      return this.compiled
        .render({ value, entity_id: this.owner.entityId, name: this.owner.name, ...variables })
        .trim();
    } catch (error) {
      if (error instanceof TemplateError)
        throw new HubError('home_assistant_error', `${this.owner.entityId}: ${this.key}: ${error.message}`);
      throw error;
    }
  }
}

/**
 * Home Assistant's `MqttValueTemplate.async_render_with_possible_json_value`: without a template
 * the payload itself; with one, it renders with `value`, `value_json`, `entity_id`, `name` and the
 * config's extra variables, and the output is stripped. A failing template throws TemplateError,
 * which the entity logs against itself.
 */
export class ValueTemplate {
  private readonly compiled: CompiledTemplate | undefined;

  constructor(
    private readonly source: string | undefined,
    private readonly owner: TemplateOwner,
    private readonly extra: Variables = {},
  ) {
    this.compiled =
      source !== undefined && JINJA_DELIMITERS.test(source) ? compileTemplate(source) : undefined;
  }

  render(payload: string): string {
    if (this.source === undefined) return payload;
    if (!this.compiled) return this.source;
    const variables = { entity_id: this.owner.entityId, name: this.owner.name, ...this.extra };
    return renderValueTemplate(this.compiled, payload, variables).trim();
  }
}
