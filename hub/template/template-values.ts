import { TemplateError } from './template-error.ts';

/**
 * The values a template works on, and nothing else: `undefined` (Jinja's Undefined), `null`
 * (None), booleans, numbers, strings, arrays (lists) and dicts. A dict is a plain object (parsed
 * JSON) or a Map (a dict literal, whose keys need not be strings). Anything else a caller passes in,
 * functions and class instances included, reads as undefined, so no JS object escapes into a template.
 */
export type TemplateDict = Readonly<Record<string, unknown>> | ReadonlyMap<unknown, unknown>;

export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function isDict(value: unknown): value is TemplateDict {
  return value instanceof Map || isPlainObject(value);
}

/** A value read from outside (variables, JSON, a caller's list), narrowed to the template model. */
export function toTemplateValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      return value === null || Array.isArray(value) || isDict(value) ? value : undefined;
    default:
      return undefined;
  }
}

/** Own data properties only: no prototype, no getter, so `__proto__` and `constructor` are not there. */
export function ownProperty(object: object, key: string): unknown {
  if (!Object.hasOwn(object, key)) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor !== undefined && 'value' in descriptor ? toTemplateValue(descriptor.value) : undefined;
}

export function dictGet(dict: TemplateDict, key: unknown): unknown {
  if (dict instanceof Map) return toTemplateValue(dict.get(key));
  return typeof key === 'string' ? ownProperty(dict, key) : undefined;
}

export function dictHas(dict: TemplateDict, key: unknown): boolean {
  if (dict instanceof Map) return dict.has(key);
  return typeof key === 'string' && Object.hasOwn(dict, key);
}

export function dictEntries(dict: TemplateDict): [unknown, unknown][] {
  if (dict instanceof Map) return [...dict].map(([key, value]) => [key, toTemplateValue(value)]);
  return Object.keys(dict).map((key) => [key, ownProperty(dict, key)]);
}

export function dictSize(dict: TemplateDict): number {
  return dict instanceof Map ? dict.size : Object.keys(dict).length;
}

/** Python's truth: empty strings, lists and dicts, zero, None and Undefined are false. */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return dictSize(value) > 0;
  return true;
}

/** Python's type names, for messages that read like Jinja's. */
export function typeName(value: unknown): string {
  if (value === undefined) return 'Undefined';
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return isDict(value) ? 'dict' : 'object';
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Python indexes strings by code point; most strings have no surrogates and take the fast path. */
export function charactersOf(text: string): readonly string[] {
  return SURROGATE.test(text) ? Array.from(text) : text.split('');
}

/** Indexable by code point: the string itself when it has no surrogate pairs, else its characters. */
export function indexable(text: string): string | readonly string[] {
  return SURROGATE.test(text) ? Array.from(text) : text;
}

export function stringLength(text: string): number {
  return SURROGATE.test(text) ? Array.from(text).length : text.length;
}

/**
 * The items a `for` would visit in Python: characters of a string, keys of a dict, nothing for
 * Undefined (Jinja's Undefined iterates as empty).
 */
export function iterate(value: unknown): readonly unknown[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return charactersOf(value);
  if (Array.isArray(value)) return value.map(toTemplateValue);
  if (isDict(value)) return dictEntries(value).map(([key]) => key);
  throw new TemplateError('template_render', `'${typeName(value)}' object is not iterable`);
}

/** A number for arithmetic: Python's bool is an int. */
export function toArithmetic(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}
