import { z } from 'zod';
import { CONFIG_DOCS, type KeyDoc } from './config-docs.ts';
import { hubConfigSchema } from './hub-config.ts';

/** One settable value of the hub's configuration, with the names it goes by everywhere. */
export interface ConfigKey extends KeyDoc {
  /** `recorder.keepDays` */
  readonly path: string;
  readonly segments: readonly string[];
  /** `HEARTH_RECORDER_KEEP_DAYS` */
  readonly env: string;
  /** `recorder-keep-days` (as `--recorder-keep-days`), or undefined for a key kept off the command line. */
  readonly flag: string | undefined;
  /** The value's own schema, without its default: checks one value from the environment or a flag. */
  readonly schema: z.ZodType;
  readonly defaultValue: unknown;
}

/** Optional, defaulted and prefaulted wrappers are how a key is absent, not what it holds. */
export function unwrap(schema: unknown): unknown {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional || inner instanceof z.ZodPrefault)
    inner = inner.unwrap();
  return inner;
}

const words = (segment: string) => segment.replace(/[A-Z]/g, (c) => `_${c}`).toLowerCase();

function leaves(shape: z.ZodRawShape, prefix: string[], defaults: unknown): ConfigKey[] {
  const found: ConfigKey[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const segments = [...prefix, key];
    const inner = unwrap(schema);
    const defaultValue = (defaults as Record<string, unknown> | undefined)?.[key];
    if (inner instanceof z.ZodObject) {
      found.push(...leaves(inner.shape, segments, defaultValue));
      continue;
    }
    const path = segments.join('.');
    // A key without its entry still works (a test fails instead: the hub must not stop over a doc).
    const doc = CONFIG_DOCS[path] ?? { doc: UNDOCUMENTED };
    const snake = segments.map(words).join('_');
    found.push({
      ...doc,
      path,
      segments,
      env: `HEARTH_${snake.toUpperCase()}`,
      flag: doc.noFlag ? undefined : snake.replaceAll('_', '-'),
      schema: inner as z.ZodType,
      defaultValue,
    });
  }
  return found;
}

export const UNDOCUMENTED = 'undocumented: add it to config-docs.ts';

let keys: readonly ConfigKey[] | undefined;

/**
 * Every key of `hubConfigSchema`, in its order.
 * Computed on first use: hub-config.ts imports this module, so the schema is not there yet at load.
 */
export function configKeys(): readonly ConfigKey[] {
  keys ??= leaves(hubConfigSchema.shape, [], hubConfigSchema.parse({}));
  return keys;
}

/** The values the environment sets, `HEARTH_` + the key path in upper snake case; a bad one names its variable. */
export function configFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  for (const key of configKeys()) {
    const text = env[key.env];
    if (text === undefined) continue;
    const value = valueFromText(key, text);
    const problem = checkValue(key, value);
    if (problem) throw new Error(`${key.env}: ${problem}, got "${text}"`);
    setPath(found, key.segments, value);
  }
  return found;
}

/**
 * A value given as text (an environment variable, a flag) as the key's type: numbers, `true`/`false`,
 * comma-separated lists. Text that is no number stays text, so that the schema says what is wrong.
 */
export function valueFromText(key: ConfigKey, text: string): unknown {
  const schema = key.schema;
  if (schema instanceof z.ZodNumber)
    return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (schema instanceof z.ZodBoolean) return text === 'true' ? true : text === 'false' ? false : text;
  if (schema instanceof z.ZodArray) return text.split(',').filter(Boolean);
  return text;
}

/** Checks one value of a key on its own; the reason it is bad, as the schema words it. */
export function checkValue(key: ConfigKey, value: unknown): string | undefined {
  const result = key.schema.safeParse(value);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'is invalid');
}

/** Puts `value` at `segments` inside `target`, making the objects on the way. */
export function setPath(target: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    node[segment] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments[segments.length - 1] as string] = value;
}

/** The keys the schema allows at `path` (an object's), for suggestions; empty where any key goes. */
export function keysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = hubConfigSchema;
  for (const segment of path) {
    const inner = unwrap(schema);
    if (!(inner instanceof z.ZodObject)) return [];
    schema = inner.shape[String(segment)];
  }
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}
