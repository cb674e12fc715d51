import type { TemplateBudget } from './template-budget.ts';
import { TemplateError } from './template-error.ts';
import { charactersOf } from './template-values.ts';

/**
 * Python's string operations, written out: separators and characters are matched literally, never
 * compiled into a regular expression, so a template cannot supply a pattern.
 */

const WHITESPACE = new Set([
  ' ',
  '\t',
  '\n',
  '\r',
  '\f',
  '\v',
  '\x1c',
  '\x1d',
  '\x1e',
  '\x1f',
  '\x85',
  '\u00a0',
]);

function isSpace(char: string): boolean {
  return WHITESPACE.has(char) || (char > '\u00a0' && char.trim() === '');
}

/** `str.split(sep, maxsplit)`; without `sep`, runs of whitespace separate and ends are dropped. */
export function split(
  text: string,
  separator: string | null,
  maxSplit: number,
  budget: TemplateBudget,
): string[] {
  budget.work(text.length);
  const limit = maxSplit < 0 ? Number.POSITIVE_INFINITY : maxSplit;
  if (separator === '') throw new TemplateError('template_render', 'empty separator');
  if (separator !== null) {
    const parts: string[] = [];
    let from = 0;
    for (
      let found = text.indexOf(separator);
      found !== -1 && parts.length < limit;
      found = text.indexOf(separator, from)
    ) {
      parts.push(text.slice(from, found));
      from = found + separator.length;
    }
    parts.push(text.slice(from));
    return parts;
  }
  const parts: string[] = [];
  const characters = charactersOf(text);
  let index = 0;
  for (;;) {
    while (index < characters.length && isSpace(characters[index] ?? '')) index += 1;
    if (index >= characters.length) return parts;
    if (parts.length >= limit) {
      parts.push(characters.slice(index).join(''));
      return parts;
    }
    const begin = index;
    while (index < characters.length && !isSpace(characters[index] ?? '')) index += 1;
    parts.push(characters.slice(begin, index).join(''));
  }
}

/** `str.strip(chars)`, `lstrip`, `rstrip`: without `chars`, whitespace. */
export function strip(text: string, chars: string | null, side: 'both' | 'start' | 'end'): string {
  const characters = charactersOf(text);
  const set = chars === null ? undefined : new Set(charactersOf(chars));
  const strips = (char: string | undefined): boolean =>
    char !== undefined && (set ? set.has(char) : isSpace(char));
  let begin = 0;
  let end = characters.length;
  if (side !== 'end') while (begin < end && strips(characters[begin])) begin += 1;
  if (side !== 'start') while (end > begin && strips(characters[end - 1])) end -= 1;
  return characters.slice(begin, end).join('');
}

/** `str.replace(old, new, count)`, sized before it is built: replacement is how strings blow up. */
export function replace(
  text: string,
  old: string,
  replacement: string,
  count: number,
  budget: TemplateBudget,
): string {
  budget.work(text.length);
  const limit = count < 0 ? Number.POSITIVE_INFINITY : count;
  const pieces = old === '' ? ['', ...charactersOf(text), ''] : text.split(old);
  const joins = Math.min(pieces.length - 1, limit);
  budget.checkLength(text.length + joins * (replacement.length - old.length), 'replace result');
  if (joins === pieces.length - 1) return pieces.join(replacement);
  const head = pieces.slice(0, joins + 1).join(replacement);
  return head + old + pieces.slice(joins + 1).join(old);
}

function isCased(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase();
}

/** Python's `str.title()`: a cased letter after a non-cased character starts a word (`1st` → `1St`). */
export function pythonTitle(text: string): string {
  let previousCased = false;
  let result = '';
  for (const char of text) {
    const cased = isCased(char);
    result += cased && !previousCased ? char.toUpperCase() : char.toLowerCase();
    previousCased = cased;
  }
  return result;
}

const WORD_BREAKS = new Set(['-', '(', '{', '[', '<']);

/** Jinja's `title` filter: words start after whitespace or `-({[<` only (`1st` stays `1st`). */
export function jinjaTitle(text: string): string {
  let atWordStart = true;
  let result = '';
  for (const char of text) {
    const isBreak = isSpace(char) || WORD_BREAKS.has(char);
    result += atWordStart && !isBreak ? char.toUpperCase() : char.toLowerCase();
    atWordStart = isBreak;
  }
  return result;
}

/** `str.capitalize()`: the first character upper case, the rest lower case. */
export function capitalize(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return '';
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + text.slice(head.length).toLowerCase();
}
