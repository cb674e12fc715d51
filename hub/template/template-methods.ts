import type { TemplateBudget } from './template-budget.ts';
import type { Argument, Parameters, TemplateCallable } from './template-callable.ts';
import { bindArguments, integerArgument, REQUIRED, stringArgument } from './template-callable.ts';
import { TemplateError } from './template-error.ts';
import { capitalize, pythonTitle, replace, split, strip } from './template-strings.ts';
import { dictEntries, dictGet, isDict, iterate, typeName } from './template-values.ts';

/**
 * The methods a template may call, by receiver type: Python's str and dict methods, written here.
 * `value.split(',')` looks `split` up in this allow-list; nothing found on the JS value is ever
 * called, so `value.constructor(…)` or `x.toString()` have nothing to reach.
 */
const STRING_METHODS: ReadonlyMap<string, TemplateCallable> = new Map<string, TemplateCallable>([
  ['split', method({ sep: null, maxsplit: -1 }, splitMethod)],
  ['lower', method({}, (self) => self.toLowerCase())],
  ['upper', method({}, (self) => self.toUpperCase())],
  ['strip', method({ chars: null }, (self, [chars]) => strip(self, optionalString(chars), 'both'))],
  ['lstrip', method({ chars: null }, (self, [chars]) => strip(self, optionalString(chars), 'start'))],
  ['rstrip', method({ chars: null }, (self, [chars]) => strip(self, optionalString(chars), 'end'))],
  [
    'startswith',
    method({ prefix: REQUIRED }, (self, [prefix]) => affixes(prefix).some((affix) => self.startsWith(affix))),
  ],
  [
    'endswith',
    method({ suffix: REQUIRED }, (self, [suffix]) => affixes(suffix).some((affix) => self.endsWith(affix))),
  ],
  [
    'replace',
    method({ old: REQUIRED, new: REQUIRED, count: -1 }, (self, [old, replacement, count], budget) =>
      replace(
        self,
        stringArgument('old', old),
        stringArgument('new', replacement),
        integerArgument('count', count),
        budget,
      ),
    ),
  ],
  ['title', method({}, pythonTitle)],
  ['capitalize', method({}, capitalize)],
  ['join', method({ iterable: REQUIRED }, joinItems)],
]);

const DICT_METHODS: ReadonlyMap<string, TemplateCallable> = new Map<string, TemplateCallable>([
  [
    'get',
    {
      params: { key: REQUIRED, default: null },
      call: (self, [key, fallback]) => dictGetOr(self, key, fallback),
    },
  ],
  ['keys', { params: {}, call: (self, _, budget) => entries(self, budget).map(([key]) => key) }],
  ['values', { params: {}, call: (self, _, budget) => entries(self, budget).map(([, value]) => value) }],
  ['items', { params: {}, call: (self, _, budget) => entries(self, budget) }],
]);

/** Calls `name` on `receiver` if its type has such a method; the receiver is never Undefined here. */
export function callMethod(
  receiver: unknown,
  name: string,
  args: readonly Argument[],
  budget: TemplateBudget,
): unknown {
  const table = typeof receiver === 'string' ? STRING_METHODS : isDict(receiver) ? DICT_METHODS : undefined;
  const found = table?.get(name);
  if (found === undefined) {
    throw new TemplateError('template_render', `'${typeName(receiver)}' object has no method '${name}'`);
  }
  const label = `${typeName(receiver)}.${name}()`;
  return found.call(receiver, bindArguments(label, found.params, args), budget);
}

function method(
  params: Parameters,
  apply: (self: string, args: readonly unknown[], budget: TemplateBudget) => unknown,
): TemplateCallable {
  return { params, call: (self, args, budget) => apply(String(self), args, budget) };
}

function splitMethod(self: string, [sep, maxSplit]: readonly unknown[], budget: TemplateBudget): string[] {
  return split(self, optionalString(sep), integerArgument('maxsplit', maxSplit), budget);
}

function optionalString(value: unknown): string | null {
  return value === null ? null : stringArgument('separator', value);
}

/** `startswith` takes a string or a tuple of strings (a list, here). */
function affixes(value: unknown): string[] {
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.map((candidate) => stringArgument('prefix', candidate));
}

/** `', '.join(items)`: Python requires strings; sized as it is built. */
function joinItems(self: string, [iterable]: readonly unknown[], budget: TemplateBudget): string {
  const parts: string[] = [];
  let size = 0;
  for (const item of iterate(iterable)) {
    if (typeof item !== 'string') {
      throw new TemplateError('template_render', `str.join() expects strings, found '${typeName(item)}'`);
    }
    size += item.length + (parts.length > 0 ? self.length : 0);
    budget.checkLength(size, 'join result');
    parts.push(item);
  }
  return parts.join(self);
}

function dictGetOr(self: unknown, key: unknown, fallback: unknown): unknown {
  if (!isDict(self)) return fallback;
  const value = dictGet(self, key);
  return value === undefined ? fallback : value;
}

function entries(self: unknown, budget: TemplateBudget): [unknown, unknown][] {
  if (!isDict(self)) return [];
  const all = dictEntries(self);
  budget.work(all.length);
  return all;
}
