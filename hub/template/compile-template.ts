import { TEMPLATE_LIMITS } from './template-budget.ts';
import { TemplateError, toTemplateError } from './template-error.ts';
import { renderNodes } from './template-evaluator.ts';
import { tokenize } from './template-lexer.ts';
import { parseTemplate } from './template-parser.ts';

export type { TemplateErrorCode } from './template-error.ts';
export { TemplateError } from './template-error.ts';

/**
 * A template from a discovery config (`value_template`, `command_template`, …), compiled once when
 * the config arrives and rendered for every message. The evaluator is a closed subset of Jinja,
 * not a general-purpose engine: see template-evaluator.ts for why.
 */
export interface CompiledTemplate {
  readonly source: string;
  /** Renders to a string, as Home Assistant does before it parses a state. Throws TemplateError. */
  render(variables: Readonly<Record<string, unknown>>): string;
}

/** Compiles `source`; throws TemplateError (`template_syntax`, or `template_limit` past 4096 characters). */
export function compileTemplate(source: string): CompiledTemplate {
  // Discovery configs are JSON: a number or object where a template belongs is the device's error.
  if (typeof source !== 'string') throw new TemplateError('template_syntax', 'template is not a string');
  if (source.length > TEMPLATE_LIMITS.sourceLength) {
    throw new TemplateError(
      'template_limit',
      `template longer than ${TEMPLATE_LIMITS.sourceLength} characters`,
    );
  }
  let nodes: ReturnType<typeof parseTemplate>;
  try {
    nodes = parseTemplate(tokenize(source));
  } catch (error) {
    throw toTemplateError(error);
  }
  return Object.freeze({
    source,
    render(variables: Readonly<Record<string, unknown>>): string {
      try {
        return renderNodes(nodes, source, variables);
      } catch (error) {
        throw toTemplateError(error);
      }
    },
  });
}

/**
 * Home Assistant's value_template variables: `value` is the raw payload, `value_json` the parsed
 * JSON (undefined when the payload is not JSON). As in Home Assistant's
 * `async_render_with_possible_json_value`, these two win over extras of the same name.
 */
export function renderValueTemplate(
  template: CompiledTemplate,
  payload: string,
  extra: Readonly<Record<string, unknown>> = {},
): string {
  const variables: Record<string, unknown> = Object.assign(
    Object.create(null) as Record<string, unknown>,
    extra,
  );
  variables.value = payload;
  variables.value_json = parseJson(payload);
  return template.render(variables);
}

function parseJson(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    // Not JSON: Home Assistant leaves value_json undefined, and so does this.
    return undefined;
  }
}
