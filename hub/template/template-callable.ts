import type { TemplateBudget } from './template-budget.ts';
import { TemplateError } from './template-error.ts';

/** Marks a parameter without a default. */
export const REQUIRED: unique symbol = Symbol('required');

/** Parameter names in call order, each with its default value or REQUIRED. */
export type Parameters = Readonly<Record<string, unknown>>;

/**
 * A filter, test or method implemented here, on template values. Templates reach behaviour only
 * through the tables of these, looked up by name in a Map, never by calling a function found on a
 * value.
 */
export interface TemplateCallable {
  readonly params: Parameters;
  /** Jinja raises when Undefined reaches most filters; the ones that treat it as empty say so. */
  readonly acceptsUndefined?: boolean;
  call(input: unknown, args: readonly unknown[], budget: TemplateBudget): unknown;
}

/**
 * The default of a Home Assistant parameter that raises when it is not given (`'abc'|bool` fails,
 * `'abc'|bool(false)` is false). A symbol, so no template value can equal it.
 */
export const NO_DEFAULT: unique symbol = Symbol('no default');

export interface Argument {
  /** Undefined for a positional argument. */
  readonly name: string | undefined;
  readonly value: unknown;
}

/** Binds positional and keyword arguments to parameters as Python does, defaults filled in. */
export function bindArguments(label: string, params: Parameters, args: readonly Argument[]): unknown[] {
  const names = Object.keys(params);
  const bound: unknown[] = new Array(names.length);
  const given: boolean[] = new Array(names.length).fill(false);
  let position = 0;
  for (const argument of args) {
    const index = argument.name === undefined ? position++ : names.indexOf(argument.name);
    if (index < 0) {
      throw new TemplateError('template_render', `${label} got an unexpected argument '${argument.name}'`);
    }
    if (index >= names.length) {
      throw new TemplateError('template_render', `${label} takes at most ${names.length} argument(s)`);
    }
    if (given[index]) {
      throw new TemplateError('template_render', `${label} got two values for '${names[index]}'`);
    }
    bound[index] = argument.value;
    given[index] = true;
  }
  names.forEach((name, index) => {
    if (given[index]) return;
    if (params[name] === REQUIRED) {
      throw new TemplateError('template_render', `${label} is missing argument '${name}'`);
    }
    bound[index] = params[name];
  });
  return bound;
}

/** Reads a bound argument that must be a string. */
export function stringArgument(label: string, value: unknown): string {
  if (typeof value !== 'string') throw new TemplateError('template_render', `${label} must be a string`);
  return value;
}

/** Reads a bound argument that must be an integer; Python's bool counts as one. */
export function integerArgument(label: string, value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TemplateError('template_render', `${label} must be an integer`);
  }
  return value;
}
