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
 * Compiles a config's template once, when the config arrives: a syntax error refuses the config,
 * naming the key, as Home Assistant's `cv.template` does. Static text needs no compiling.
 */
function compileConfigTemplate(source: string | undefined, key: string): CompiledTemplate | undefined {
  if (source === undefined || !JINJA_DELIMITERS.test(source)) return undefined;
  try {
    return compileTemplate(source);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    throw new TemplateError(error.code, `${key}: ${error.detail}`, error.position);
  }
}

/**
 * Home Assistant's `MqttCommandTemplate.async_render`: without a template the value itself is
 * published; with one, it renders with `value`, `entity_id`, `name` and the caller's variables
 * (which win), and the output is stripped. A failing template fails the command before anything
 * is published, not the hub.
 */
export class CommandTemplate {
  private readonly compiled: CompiledTemplate | undefined;

  constructor(
    private readonly source: string | undefined,
    private readonly owner: TemplateOwner,
    private readonly key = 'command_template',
  ) {
    this.compiled = compileConfigTemplate(source, key);
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
 * the payload itself; with one, it renders with `value`, `value_json`, `entity_id`, `name`, the
 * config's extra variables and the caller's, and the output is stripped. A failing template
 * throws TemplateError, which the entity logs against itself.
 */
export class ValueTemplate {
  private readonly compiled: CompiledTemplate | undefined;

  constructor(
    private readonly source: string | undefined,
    private readonly owner: TemplateOwner,
    private readonly extra: Variables = {},
    key = 'value_template',
  ) {
    this.compiled = compileConfigTemplate(source, key);
  }

  render(payload: string, variables: Variables = {}): string {
    if (this.source === undefined) return payload;
    if (!this.compiled) return this.source;
    const all = { entity_id: this.owner.entityId, name: this.owner.name, ...this.extra, ...variables };
    return renderValueTemplate(this.compiled, payload, all).trim();
  }
}

/**
 * The value and command templates of an entity with many (climate, fan), by config key. Keys
 * ending in `command_template` render as command templates, the others as value templates, as
 * Home Assistant's names say. `variables` adds what such entities render with (`this`).
 */
export class MqttTemplates<Key extends string> {
  private readonly values = new Map<Key, ValueTemplate>();
  private readonly commands = new Map<Key, CommandTemplate>();

  constructor(
    sources: Partial<Record<Key, string | undefined>>,
    owner: TemplateOwner,
    private readonly variables: () => Variables,
  ) {
    for (const [key, source] of Object.entries(sources) as [Key, string | undefined][]) {
      if (source === undefined) continue;
      if (key.endsWith('command_template')) this.commands.set(key, new CommandTemplate(source, owner, key));
      else this.values.set(key, new ValueTemplate(source, owner, {}, key));
    }
  }

  /** The payload, through the key's value template if there is one. */
  value(key: Key, payload: string): string {
    return this.values.get(key)?.render(payload, this.variables()) ?? payload;
  }

  /** What to publish for `value`: through the key's command template, else `raw` (Python's `str(value)`). */
  command(key: Key, value: string | number, raw: string = String(value)): string {
    return this.commands.get(key)?.render(value, raw, this.variables()) ?? raw;
  }
}
