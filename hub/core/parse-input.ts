import type { z } from 'zod';
import type { ErrorCode } from '../protocol/websocket-messages.ts';
import { HubError } from './hub-error.ts';

/**
 * Parses an input that crossed a boundary; a bad one becomes `code` (`invalid_format` unless said) with the offending
 * path and value, e.g. `service_data.brightness must be 0..255, got 300`.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: string,
  code: ErrorCode = 'invalid_format',
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new HubError(code, `${where} is invalid`);
  const path = [where, ...issue.path.map(String)].join('.');
  const got = valueAt(input, issue.path);
  const shown = got === undefined ? '' : `, got ${truncate(JSON.stringify(got))}`;
  throw new HubError(code, `${path}: ${issue.message}${shown}`);
}

/** The value at `path` inside `input`, if there is one. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** JSON of a bad value, cut to a length fit for one line of error. */
export function truncate(text: string | undefined): string {
  if (text === undefined) return 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
