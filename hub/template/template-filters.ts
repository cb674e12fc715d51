import type { TemplateBudget } from './template-budget.ts';
import type { Parameters, TemplateCallable } from './template-callable.ts';
import { integerArgument, NO_DEFAULT, REQUIRED, stringArgument } from './template-callable.ts';
import { TemplateError } from './template-error.ts';
import { roundHalfEven, toFloat, toInt } from './template-numbers.ts';
import { order } from './template-operators.ts';
import { toJson, toRepr, toText } from './template-stringify.ts';
import { capitalize, jinjaTitle, replace, strip } from './template-strings.ts';
import { dictSize, isDict, isTruthy, iterate, stringLength, typeName } from './template-values.ts';

/**
 * The filters a template may use: Jinja's builtins with Jinja's signatures and semantics, plus
 * Home Assistant's `bool`, `from_json`, `to_json` and its forgiving `round`. Where Home Assistant's
 * `int` and `float` raise without a default, these follow Jinja (`'abc'|int` is 0), as specified.
 */
export const FILTERS: ReadonlyMap<string, TemplateCallable> = new Map<string, TemplateCallable>([
  ['int', { params: { default: 0, base: 10 }, call: toIntOr }],
  ['float', { params: { default: 0 }, call: (value, [fallback]) => toFloat(value) ?? fallback }],
  ['round', { params: { precision: 0, method: 'common', default: NO_DEFAULT }, call: round }],
  ['abs', { params: {}, call: absolute }],
  ['bool', { params: { default: NO_DEFAULT }, call: toBoolean }],
  ['lower', text({}, (value) => value.toLowerCase())],
  ['upper', text({}, (value) => value.toUpperCase())],
  ['capitalize', text({}, capitalize)],
  ['title', text({}, jinjaTitle)],
  ['trim', text({ chars: null }, trim)],
  ['replace', text({ old: REQUIRED, new: REQUIRED, count: null }, replaceFilter)],
  ['string', { params: {}, acceptsUndefined: true, call: (value, _, budget) => toText(value, budget) }],
  ['default', { params: { default_value: '', boolean: false }, acceptsUndefined: true, call: withDefault }],
  ['d', { params: { default_value: '', boolean: false }, acceptsUndefined: true, call: withDefault }],
  ['join', { params: { d: '' }, acceptsUndefined: true, call: join }],
  ['length', { params: {}, acceptsUndefined: true, call: length }],
  ['count', { params: {}, acceptsUndefined: true, call: length }],
  ['first', { params: {}, acceptsUndefined: true, call: (value) => iterate(value)[0] }],
  ['last', { params: {}, acceptsUndefined: true, call: (value) => iterate(value).at(-1) }],
  ['max', extreme('>')],
  ['min', extreme('<')],
  ['list', { params: {}, acceptsUndefined: true, call: (value) => [...iterate(value)] }],
  ['tojson', { params: { indent: null }, call: tojson }],
  [
    'to_json',
    { params: { ensure_ascii: false, pretty_print: false, sort_keys: false }, call: toJsonCompact },
  ],
  ['from_json', { params: { default: NO_DEFAULT }, call: fromJson }],
]);

/** A string filter: Jinja's `soft_str` turns the input into text first, Undefined into ''. */
function text(
  params: Parameters,
  apply: (value: string, args: readonly unknown[], budget: TemplateBudget) => string,
): TemplateCallable {
  return {
    params,
    acceptsUndefined: true,
    call: (value, args, budget) => apply(toText(value, budget), args, budget),
  };
}

function trim(value: string, [chars]: readonly unknown[]): string {
  return strip(value, chars === null ? null : stringArgument('chars', chars), 'both');
}

function replaceFilter(
  value: string,
  [old, replacement, count]: readonly unknown[],
  budget: TemplateBudget,
): string {
  const times = count === null || count === undefined ? -1 : integerArgument('replace count', count);
  return replace(value, toText(old, budget), toText(replacement, budget), times, budget);
}

function toIntOr(value: unknown, [fallback, base]: readonly unknown[]): unknown {
  return toInt(value, integerArgument('base', base)) ?? fallback;
}

function fail(filter: string, value: unknown, budget: TemplateBudget): never {
  const shown = toRepr(value, budget);
  const brief = shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
  throw new TemplateError('template_render', `${filter} got invalid input ${brief}`);
}

/** Home Assistant's `round`: numeric strings are accepted; methods `common`, `ceil`, `floor`, `half`. */
function round(
  value: unknown,
  [precision, method, fallback]: readonly unknown[],
  budget: TemplateBudget,
): unknown {
  const number = toFloat(value);
  if (number === undefined) return fallback === NO_DEFAULT ? fail('round', value, budget) : fallback;
  const digits = integerArgument('round precision', precision);
  const scale = 10 ** digits;
  if (method === 'ceil') return Math.ceil(number * scale) / scale;
  if (method === 'floor') return Math.floor(number * scale) / scale;
  if (method === 'half') return roundHalfEven(number * 2, 0) / 2;
  return roundHalfEven(number, digits);
}

function absolute(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'number') {
    throw new TemplateError('template_render', `bad operand type for abs(): '${typeName(value)}'`);
  }
  return Math.abs(value);
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on', 'enable']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off', 'disable']);

/** Home Assistant's `cv.boolean`: `'on'`, `'yes'`, `1` are true; anything unrecognised needs a default. */
function toBoolean(value: unknown, [fallback]: readonly unknown[], budget: TemplateBudget): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const word = value.toLowerCase().trim();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return fallback === NO_DEFAULT ? fail('bool', value, budget) : fallback;
}

/** Jinja's `default`: None is a value, only Undefined is replaced, unless `boolean` is true. */
function withDefault(value: unknown, [fallback, boolean]: readonly unknown[]): unknown {
  return value === undefined || (isTruthy(boolean) && !isTruthy(value)) ? fallback : value;
}

function join(value: unknown, [separator]: readonly unknown[], budget: TemplateBudget): string {
  const glue = toText(separator, budget);
  const parts: string[] = [];
  let size = 0;
  for (const item of iterate(value)) {
    const part = toText(item, budget);
    size += part.length + (parts.length > 0 ? glue.length : 0);
    budget.checkLength(size, 'join result');
    budget.work(1);
    parts.push(part);
  }
  return parts.join(glue);
}

function length(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value === 'string') return stringLength(value);
  if (Array.isArray(value)) return value.length;
  if (isDict(value)) return dictSize(value);
  throw new TemplateError('template_render', `object of type '${typeName(value)}' has no len()`);
}

/** Jinja's `max` and `min` compare strings ignoring case unless told otherwise; empty is Undefined. */
function extreme(operator: '>' | '<'): TemplateCallable {
  return {
    params: { case_sensitive: false },
    acceptsUndefined: true,
    call: (value, [caseSensitive], budget) => {
      const key = (item: unknown) =>
        typeof item === 'string' && !isTruthy(caseSensitive) ? item.toLowerCase() : item;
      let best: unknown;
      let bestKey: unknown;
      iterate(value).forEach((item, index) => {
        const itemKey = key(item);
        if (index === 0 || order(operator, itemKey, bestKey, budget, 0)) {
          best = item;
          bestKey = itemKey;
        }
      });
      return best;
    },
  };
}

/** Jinja's `tojson`: Python's `json.dumps` with sorted keys, ASCII only, and HTML-safe. */
function tojson(value: unknown, [indent]: readonly unknown[], budget: TemplateBudget): string {
  const spaces = indent === null ? undefined : integerArgument('tojson indent', indent);
  const options = { asciiOnly: true, htmlSafe: true, sortKeys: true, compact: false, indent: spaces };
  return toJson(value, options, budget);
}

/** Home Assistant's `to_json`: compact, as orjson writes, with its three options. */
function toJsonCompact(
  value: unknown,
  [ascii, pretty, sort]: readonly unknown[],
  budget: TemplateBudget,
): string {
  const indent = isTruthy(pretty) ? 2 : undefined;
  const options = {
    asciiOnly: isTruthy(ascii),
    htmlSafe: false,
    sortKeys: isTruthy(sort),
    compact: true,
    indent,
  };
  return toJson(value, options, budget);
}

/** Home Assistant's `from_json`; JSON.parse builds plain data, and `__proto__` becomes an own key. */
function fromJson(value: unknown, [fallback]: readonly unknown[], budget: TemplateBudget): unknown {
  if (typeof value === 'string') {
    budget.work(value.length);
    try {
      return JSON.parse(value) as unknown;
    } catch {
      // Invalid JSON is the input's fault: the default, or the error below.
    }
  }
  return fallback === NO_DEFAULT ? fail('from_json', value, budget) : fallback;
}
