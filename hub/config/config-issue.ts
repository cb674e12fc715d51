import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { truncate, valueAt } from '../core/parse-input.ts';
import { keysAt } from './config-keys.ts';
import type { ConfigFile } from './read-config-file.ts';

/**
 * One line saying which key is bad and why, where it was written: `hearth.yaml:3: httpPort: must be
 * 0..65535, got 70000`, or `hearth.yaml:2: unknown key `httpPrt`; did you mean `httpPort`?`.
 */
export function describeConfigIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
  file: ConfigFile | undefined,
): string {
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = unknown === undefined ? issue.path : [...issue.path, unknown];
  const line = file?.lineOf(path);
  const where = file ? `${file.name}${line === undefined ? '' : `:${line}`}: ` : 'config: ';
  if (unknown !== undefined) {
    const inside = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    const suggestion = suggestKey(unknown, keysAt(issue.path));
    return `${where}${inside}unknown key \`${unknown}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`;
  }
  const got = valueAt(input, issue.path);
  const shown = got === undefined ? '' : `, got ${truncate(JSON.stringify(got))}`;
  return `${where}${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}${shown}`;
}

const normal = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

/**
 * The known key meant by a misspelt one: the same letters in another case or snake case
 * (`http_port`), else the nearest by edit distance if it is near enough to be a typo.
 */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const same = known.find((key) => normal(key) === normal(unknown));
  if (same) return same;
  const nearest = closest(unknown, known as string[]);
  return distance(unknown, nearest) <= Math.max(2, Math.floor(unknown.length / 3)) ? nearest : undefined;
}
