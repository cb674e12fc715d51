import { HubError } from '../../core/hub-error.ts';
import type { CompiledTemplate } from '../../template/compile-template.ts';
import { renderValueTemplate, TemplateError } from '../../template/compile-template.ts';
import { compileDeviceTemplate } from './device-template.ts';

// Home Assistant's `is_template_string`: text without these is static, returned as it is.
const JINJA_DELIMITERS = /\{%|\{\{|\{#/;

/**
 * An entity's value and command templates, compiled once when the config arrives (a syntax error
 * refuses the config, naming the key), rendered with the variables Home Assistant's MQTT
 * templates get: `value` (and `value_json`), plus `entity_id`, `name` and `this`. Output is
 * stripped, as Home Assistant's Template.async_render does.
 */
export class MqttTemplates<Key extends string> {
  private readonly compiled = new Map<Key, CompiledTemplate>();

  constructor(
    sources: Partial<Record<Key, string | undefined>>,
    private readonly entityId: string,
    private readonly variables: () => Record<string, unknown>,
  ) {
    for (const [key, source] of Object.entries(sources) as [Key, string | undefined][]) {
      if (source === undefined) continue;
      try {
        this.compiled.set(key, compileDeviceTemplate(source));
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        throw new TemplateError(error.code, `${key}: ${error.detail}`, error.position);
      }
    }
  }

  /**
   * MqttValueTemplate.async_render_with_possible_json_value: the payload itself without a
   * template. Throws TemplateError, which the entity logs against itself.
   */
  value(key: Key, payload: string): string {
    const compiled = this.compiled.get(key);
    if (!compiled) return payload;
    if (!JINJA_DELIMITERS.test(compiled.source)) return compiled.source;
    return renderValueTemplate(compiled, payload, this.variables()).trim();
  }

  /**
   * MqttCommandTemplate.async_render: the template rendered with `value`, else `raw`, which is
   * Python's `str(value)` (what Home Assistant publishes without a template). A failing template
   * fails the command before anything is published.
   */
  command(key: Key, value: string | number, raw: string = String(value)): string {
    const compiled = this.compiled.get(key);
    if (!compiled) return raw;
    if (!JINJA_DELIMITERS.test(compiled.source)) return compiled.source;
    try {
      return compiled.render({ ...this.variables(), value }).trim();
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      throw new HubError('home_assistant_error', `${this.entityId}: ${key}: ${error.message}`);
    }
  }
}
