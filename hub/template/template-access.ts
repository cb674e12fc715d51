import { TemplateError } from './template-error.ts';
import { dictGet, indexable, isDict, toTemplateValue } from './template-values.ts';

/**
 * Reading into values: `a.b`, `a['b']`, `a[0]`, `a[1:3]`. Only dict keys and list or string
 * positions are reachable. A name that is not there is Undefined, as in Jinja; there is no fallback
 * to JS properties, so `__proto__`, `constructor`, `toString` and even a list's `length` are not
 * there. Reading from Undefined itself is the caller's error to raise, with the expression's name.
 */
export function getAttribute(object: unknown, name: string): unknown {
  return isDict(object) ? dictGet(object, name) : undefined;
}

/** Jinja's `getitem`: a failing lookup (wrong key type, out of range) is Undefined, not an error. */
export function getItem(object: unknown, key: unknown): unknown {
  if (isDict(object)) return dictGet(object, key);
  if (typeof object === 'string') {
    const characters = indexable(object);
    const index = normalizeIndex(key, characters.length);
    return index === undefined ? undefined : characters[index];
  }
  if (Array.isArray(object)) {
    const index = normalizeIndex(key, object.length);
    return index === undefined ? undefined : toTemplateValue(object[index]);
  }
  return undefined;
}

/** A slice with Python's semantics (negative bounds, any step); like Jinja, a bad one is Undefined. */
export function getSlice(object: unknown, lower: unknown, upper: unknown, step: unknown): unknown {
  const sequence =
    typeof object === 'string' ? indexable(object) : Array.isArray(object) ? object : undefined;
  const [from, to, by] = [lower, upper, step].map(sliceBound);
  if (sequence === undefined || from === null || to === null || by === null) return undefined;
  const stride = by ?? 1;
  if (stride === 0) throw new TemplateError('template_render', 'slice step cannot be zero');
  const length = sequence.length;
  const [low, high] = stride > 0 ? [0, length] : [-1, length - 1];
  const clamp = (bound: number | undefined, fallback: number): number => {
    if (bound === undefined) return fallback;
    const index = bound < 0 ? bound + length : bound;
    return Math.min(Math.max(index, low), high);
  };
  const start = clamp(from, stride > 0 ? low : high);
  const stop = clamp(to, stride > 0 ? high : low);
  const picked: unknown[] = [];
  for (let index = start; stride > 0 ? index < stop : index > stop; index += stride) {
    picked.push(typeof object === 'string' ? sequence[index] : toTemplateValue(sequence[index]));
  }
  return typeof object === 'string' ? picked.join('') : picked;
}

/** A slice bound: a number, undefined when left out or None, null when it is not an integer. */
function sliceBound(value: unknown): number | undefined | null {
  return value === undefined || value === null ? undefined : (asInteger(value) ?? null);
}

function normalizeIndex(key: unknown, length: number): number | undefined {
  const index = asInteger(key);
  if (index === undefined) return undefined;
  const resolved = index < 0 ? index + length : index;
  return resolved >= 0 && resolved < length ? resolved : undefined;
}

/** Python's bool is an int, so `items[True]` is `items[1]`. */
function asInteger(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
