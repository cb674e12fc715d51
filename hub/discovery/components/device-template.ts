import type { CompiledTemplate } from '../../template/compile-template.ts';
import { compileTemplate, TemplateError } from '../../template/compile-template.ts';
import type { Token } from '../../template/template-lexer.ts';
import { tokenize } from '../../template/template-lexer.ts';

/**
 * Compiles a template from a discovery config. A syntax error refuses the config, as Home
 * Assistant's `cv.template` does. One exception: the shared evaluator refuses `{% set %}`, which
 * Zigbee2MQTT puts in every thermostat's `action_template`
 * (`{% set values = {None:None,'idle':'idle',…} %}{{ values[value_json.running_state] }}`). Top-level
 * `set` statements are inlined here — each later use of the name becomes the parenthesised
 * expression — and the result goes through the same safe evaluator. Should the evaluator learn
 * `set`, the first compile succeeds and this path is never taken.
 */
export function compileDeviceTemplate(source: string): CompiledTemplate {
  try {
    return compileTemplate(source);
  } catch (error) {
    if (!(error instanceof TemplateError) || error.detail !== "unknown statement 'set'") throw error;
    const inlined = inlineSetStatements(source);
    if (inlined === undefined) throw error;
    const compiled = compileTemplate(inlined);
    return Object.freeze({ source, render: compiled.render });
  }
}

/** Bounds the rewriting; the 4096-character limit of compileTemplate bounds the result. */
const MAX_SET_STATEMENTS = 8;

/** The source without its top-level `set` statements, or undefined when one is nested in an `if`. */
function inlineSetStatements(source: string): string | undefined {
  let current = source;
  for (let round = 0; round < MAX_SET_STATEMENTS; round += 1) {
    const tokens = tokenize(current);
    const at = firstSetStatement(tokens);
    if (at === undefined) return current;
    if (at === 'nested') return undefined;
    const target = tokens[at + 2];
    const equals = tokens[at + 3];
    const close = tokens.findIndex((token, index) => index > at && token.kind === 'statement_end');
    const first = tokens[at + 4];
    const last = tokens[close - 1];
    if (target?.kind !== 'name' || equals?.kind !== 'operator' || equals.value !== '=') return undefined;
    if (close === -1 || first === undefined || last === undefined || close <= at + 4) return undefined;
    const begin = tokens[at] as Token;
    const end = tokens[close] as Token;
    const expression = `(${current.slice(first.start, last.end)})`;
    let before = current.slice(0, begin.start);
    if (begin.end - begin.start === 3) before = before.trimEnd();
    let after = substitute(current, tokens, close + 1, target.value, expression);
    if (current[end.start] === '-') after = after.trimStart();
    current = before + after;
  }
  return undefined;
}

/** Index of the first `{% set`, 'nested' when a `set` sits inside an `if`, undefined when none. */
function firstSetStatement(tokens: readonly Token[]): number | 'nested' | undefined {
  let depth = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    if (tokens[index]?.kind !== 'statement_begin') continue;
    const keyword = tokens[index + 1];
    const name = keyword?.kind === 'name' ? keyword.value : '';
    if (name === 'if') depth += 1;
    else if (name === 'endif') depth -= 1;
    else if (name === 'set') return depth === 0 ? index : 'nested';
  }
  return undefined;
}

/** The source from token `from` on, with each reference to `name` replaced by `expression`. */
function substitute(
  source: string,
  tokens: readonly Token[],
  from: number,
  name: string,
  expression: string,
): string {
  const start = tokens[from]?.start ?? source.length;
  let out = '';
  let cursor = start;
  let rebinding = false;
  for (let index = from; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    if (token.kind === 'statement_end' && rebinding) break;
    if (token.kind !== 'name' || token.value !== name) continue;
    const previous = tokens[index - 1];
    const next = tokens[index + 1];
    // `x.name`, `x | name`, `x is name` and `f(name=…)` are not references to the variable.
    if (previous?.kind === 'operator' && (previous.value === '.' || previous.value === '|')) continue;
    if (previous?.kind === 'name' && (previous.value === 'is' || previous.value === 'set')) {
      // `{% set name = … %}` again: its expression still sees the old value, what follows the new.
      rebinding = previous.value === 'set';
      continue;
    }
    if (next?.kind === 'operator' && next.value === '=') continue;
    out += source.slice(cursor, token.start) + expression;
    cursor = token.end;
  }
  return out + source.slice(cursor);
}

/**
 * Python's `str()` of what a command carries when it has no template: Home Assistant publishes
 * `str(value)`, so a temperature of 21 (a float after `vol.Coerce(float)`) goes out as `21.0`.
 */
export function pythonFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(value);
  // Python's repr switches to exponent notation below 1e-4 and from 1e16 on (JS: 1e-7 and 1e21),
  // and writes the exponent with at least two digits (1e-05).
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    const [mantissa = '', exponent = ''] = value.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
