import { z } from 'zod';
import { type ConfigKey, configKeys } from './config-keys.ts';

const code = (text: string) => `\`${text}\``;

/** What a key's schema accepts, in a few words: `0..65535`, `≥ 1000`, `debug`, `info`, …, `true`/`false`. */
function allowed(schema: z.ZodType): string {
  if (schema instanceof z.ZodNumber) {
    // An integer without a bound of its own is bounded by ±MAX_SAFE_INTEGER in zod: no bound to show.
    const min =
      (schema.minValue ?? Number.NEGATIVE_INFINITY) > -Number.MAX_SAFE_INTEGER ? schema.minValue : undefined;
    const max =
      (schema.maxValue ?? Number.POSITIVE_INFINITY) < Number.MAX_SAFE_INTEGER ? schema.maxValue : undefined;
    const range =
      min !== undefined && max !== undefined ? `${min}..${max}` : min !== undefined ? `≥ ${min}` : '';
    return [schema.isInt ? 'integer' : 'number', range].filter(Boolean).join(' ');
  }
  if (schema instanceof z.ZodEnum) return schema.options.map((option) => code(String(option))).join(', ');
  if (schema instanceof z.ZodBoolean) return `${code('true')}, ${code('false')}`;
  if (schema instanceof z.ZodArray) return 'list';
  if (schema instanceof z.ZodRecord) return 'map of lists';
  return 'text';
}

function shownDefault(key: ConfigKey): string {
  if (key.default !== undefined) return key.default;
  if (key.defaultValue === undefined) return '';
  return code(typeof key.defaultValue === 'string' ? key.defaultValue : JSON.stringify(key.defaultValue));
}

/**
 * The reference of every key as a markdown table, aligned as a formatter would leave it: what
 * `hearth config keys` prints and README's Configuration holds (a test keeps the two the same).
 */
export function configReference(): string {
  const header = ['key', 'default', 'values', 'unit', ''];
  const rows = configKeys().map((key) =>
    // A `|` would end the cell, even inside backticks (GitHub's tables).
    [code(key.path), shownDefault(key), allowed(key.schema), key.unit ?? '', key.doc].map((cell) =>
      cell.replaceAll('|', '\\|'),
    ),
  );
  const widths = header.map((_, column) =>
    Math.max(3, ...[header, ...rows].map((row) => [...(row[column] ?? '')].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - [...cell].length)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return `${[line(header), rule, ...rows.map(line)].join('\n')}\n`;
}
