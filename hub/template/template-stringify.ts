import type { TemplateBudget } from './template-budget.ts';
import { TemplateError } from './template-error.ts';
import { formatNumber } from './template-numbers.ts';
import { dictEntries, isDict, toTemplateValue, typeName } from './template-values.ts';

/**
 * Values to text, as Python prints them: `str()` for output and `~`, `repr()` inside lists and
 * dicts, `json.dumps` for `tojson`. Every writer is bounded in length, nesting and work, because a
 * list repeated into itself prints far larger than it is.
 */

/** Python `str(value)`; Undefined prints as the empty string, as Jinja's default Undefined does. */
export function toText(value: unknown, budget: TemplateBudget): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return 'None';
  return Array.isArray(value) || isDict(value) ? toRepr(value, budget) : '';
}

/** Python `repr(value)`. */
export function toRepr(value: unknown, budget: TemplateBudget): string {
  const writer = new BoundedWriter(budget, 'string');
  writeRepr(value, writer, 0);
  return writer.toString();
}

function writeRepr(value: unknown, writer: BoundedWriter, depth: number): void {
  writer.enter(depth);
  if (typeof value === 'string') writer.write(quotePython(value, writer));
  else if (Array.isArray(value)) {
    writer.write('[');
    value.forEach((item, index) => {
      if (index > 0) writer.write(', ');
      writeRepr(toTemplateValue(item), writer, depth + 1);
    });
    writer.write(']');
  } else if (isDict(value)) {
    writer.write('{');
    dictEntries(value).forEach(([key, item], index) => {
      if (index > 0) writer.write(', ');
      writeRepr(key, writer, depth + 1);
      writer.write(': ');
      writeRepr(item, writer, depth + 1);
    });
    writer.write('}');
  } else writer.write(value === undefined ? 'Undefined' : toText(value, writer.budget));
}

const PYTHON_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Python picks single quotes unless the text holds one and no double quote. */
function quotePython(text: string, writer: BoundedWriter): string {
  writer.reserve(text.length + 2);
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let result = quote;
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === quote) result += `\\${quote}`;
    else if (PYTHON_ESCAPES[char] !== undefined) result += PYTHON_ESCAPES[char];
    else if (code < 0x20 || code === 0x7f) result += `\\x${code.toString(16).padStart(2, '0')}`;
    else result += char;
  }
  return result + quote;
}

export interface JsonOptions {
  /** Python's `json.dumps` default: everything past ASCII as `\uXXXX`. */
  readonly asciiOnly: boolean;
  /** Jinja's `tojson` escapes `< > & '` so that the output is safe inside HTML. */
  readonly htmlSafe: boolean;
  readonly sortKeys: boolean;
  /** Python's default `', '` and `': '`, or compact `,` and `:` as orjson writes. */
  readonly compact: boolean;
  /** Spaces per level, or undefined for one line. */
  readonly indent: number | undefined;
}

export function toJson(value: unknown, options: JsonOptions, budget: TemplateBudget): string {
  const writer = new BoundedWriter(budget, 'JSON');
  writeJson(value, options, writer, 0);
  return writer.toString();
}

function writeJson(value: unknown, options: JsonOptions, writer: BoundedWriter, depth: number): void {
  writer.enter(depth);
  if (typeof value === 'string') writer.write(quoteJson(value, options, writer));
  else if (typeof value === 'number')
    writer.write(Number.isFinite(value) ? String(value) : jsonSpecial(value));
  else if (typeof value === 'boolean' || value === null) writer.write(String(value));
  else if (Array.isArray(value)) {
    writeContainer(
      ['[', ']'],
      value.map((item) => [undefined, item] as const),
      options,
      writer,
      depth,
    );
  } else if (isDict(value)) {
    const entries = dictEntries(value);
    if (options.sortKeys) sortByKey(entries);
    writeContainer(['{', '}'], entries.map(jsonEntry), options, writer, depth);
  } else {
    throw new TemplateError('template_render', `Object of type ${typeName(value)} is not JSON serializable`);
  }
}

function writeContainer(
  [open, close]: readonly [string, string],
  entries: readonly (readonly [string | undefined, unknown])[],
  options: JsonOptions,
  writer: BoundedWriter,
  depth: number,
): void {
  const newline = options.indent === undefined ? '' : writer.newline(options.indent * (depth + 1));
  const itemSeparator = options.compact || options.indent !== undefined ? ',' : ', ';
  const keySeparator = options.compact && options.indent === undefined ? ':' : ': ';
  writer.write(open);
  entries.forEach(([key, item], index) => {
    writer.write(index > 0 ? itemSeparator + newline : newline);
    if (key !== undefined) writer.write(quoteJson(key, options, writer) + keySeparator);
    writeJson(toTemplateValue(item), options, writer, depth + 1);
  });
  if (entries.length > 0 && options.indent !== undefined)
    writer.write(writer.newline(options.indent * depth));
  writer.write(close);
}

/** Python sorts the original keys: numbers numerically, strings by code unit, and a mix not at all. */
function sortByKey(entries: [unknown, unknown][]): void {
  const numeric = entries.every(([key]) => typeof key === 'number');
  if (!numeric && !entries.every(([key]) => typeof key === 'string')) {
    throw new TemplateError('template_render', "'<' not supported between dict keys of different types");
  }
  entries.sort(([a], [b]) => (numeric ? Number(a) - Number(b) : String(a) < String(b) ? -1 : 1));
}

/** JSON object keys are strings; Python writes other keys as their JSON text (`1`, `true`, `null`). */
function jsonEntry([key, item]: [unknown, unknown]): readonly [string, unknown] {
  if (typeof key === 'string') return [key, item];
  if (typeof key === 'number') return [Number.isFinite(key) ? String(key) : jsonSpecial(key), item];
  if (typeof key === 'boolean' || key === null) return [String(key), item];
  throw new TemplateError(
    'template_render',
    `keys must be str, int, float, bool or None, not ${typeName(key)}`,
  );
}

function jsonSpecial(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};
const HTML_ESCAPES: ReadonlySet<string> = new Set(['<', '>', '&', "'"]);

function quoteJson(text: string, options: JsonOptions, writer: BoundedWriter): string {
  writer.reserve(text.length + 2);
  let result = '"';
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    const code = text.charCodeAt(index);
    const escaped = JSON_ESCAPES[char];
    if (escaped !== undefined) result += escaped;
    else if (
      code < 0x20 ||
      (options.asciiOnly && code > 0x7e) ||
      (options.htmlSafe && HTML_ESCAPES.has(char))
    ) {
      result += `\\u${code.toString(16).padStart(4, '0')}`;
    } else result += char;
  }
  return `${result}"`;
}

/** Collects output up to the value length limit, charging one unit of work per piece. */
class BoundedWriter {
  readonly budget: TemplateBudget;
  readonly #what: string;
  readonly #parts: string[] = [];
  #length = 0;

  constructor(budget: TemplateBudget, what: string) {
    this.budget = budget;
    this.#what = what;
  }

  enter(depth: number): void {
    this.budget.checkDepth(depth);
    this.budget.work(1);
  }

  /** Fails before a long piece is escaped, not after. */
  reserve(length: number): void {
    this.budget.checkLength(this.#length + length, this.#what);
  }

  /** A newline and `spaces` of indentation, sized before it is built: `tojson(100000000)` must not allocate. */
  newline(spaces: number): string {
    const count = Math.max(0, spaces);
    this.reserve(count + 1);
    return `\n${' '.repeat(count)}`;
  }

  write(text: string): void {
    this.#length += text.length;
    this.budget.checkLength(this.#length, this.#what);
    this.#parts.push(text);
  }

  toString(): string {
    return this.#parts.join('');
  }
}
