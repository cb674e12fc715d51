import { TemplateError } from './template-error.ts';

interface Span {
  /** Offset of the first character in the source. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
}

export type Token =
  | (Span & { readonly kind: 'text' | 'name' | 'operator' | 'string'; readonly value: string })
  | (Span & { readonly kind: 'number'; readonly value: number })
  | (Span & { readonly kind: 'output_begin' | 'output_end' | 'statement_begin' | 'statement_end' | 'end' });

const TWO_CHAR_OPERATORS: ReadonlySet<string> = new Set(['//', '**', '==', '!=', '<=', '>=']);
const ONE_CHAR_OPERATORS = '+-*/%~<>()[]{},:.|=';
const OPENERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
const HEX_ESCAPE_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * Splits a template into text and expression tokens, as Jinja's lexer does with its default
 * delimiters: `{{ }}` output, `{% %}` statements, `{# #}` comments, `-` whitespace control.
 */
export function tokenize(source: string): Token[] {
  return new Lexer(source).run();
}

class Lexer {
  readonly #source: string;
  readonly #tokens: Token[] = [];
  #stripNextText = false;

  constructor(source: string) {
    // Jinja drops one trailing newline (keep_trailing_newline defaults to false).
    const trailing = source.endsWith('\r\n') ? 2 : source.endsWith('\n') ? 1 : 0;
    this.#source = source.slice(0, source.length - trailing);
  }

  run(): Token[] {
    const source = this.#source;
    let position = 0;
    while (position < source.length) {
      const open = this.#findOpening(position);
      const textEnd = open === -1 ? source.length : open;
      const trimBefore = open !== -1 && source[open + 2] === '-';
      this.#pushText(source.slice(position, textEnd), position, trimBefore);
      if (open === -1) break;
      const marker = source[open + 1];
      const inner = open + (trimBefore ? 3 : 2);
      if (marker === '#') position = this.#skipComment(open, inner);
      else if (marker === '{') position = this.#lexDelimited(open, inner, 'output');
      else position = this.#lexDelimited(open, inner, 'statement');
    }
    this.#tokens.push({ kind: 'end', start: source.length, end: source.length });
    return this.#tokens;
  }

  #findOpening(from: number): number {
    const source = this.#source;
    for (let index = source.indexOf('{', from); index !== -1; index = source.indexOf('{', index + 1)) {
      const next = source[index + 1];
      if (next === '{' || next === '%' || next === '#') return index;
    }
    return -1;
  }

  #pushText(raw: string, start: number, trimEnd: boolean): void {
    let text = this.#stripNextText ? raw.trimStart() : raw;
    if (trimEnd) text = text.trimEnd();
    this.#stripNextText = false;
    if (text !== '') this.#tokens.push({ kind: 'text', value: text, start, end: start + raw.length });
  }

  #skipComment(open: number, inner: number): number {
    const close = this.#source.indexOf('#}', inner);
    if (close === -1) throw new TemplateError('template_syntax', "unclosed '{#'", open);
    this.#stripNextText = close > inner && this.#source[close - 1] === '-';
    return close + 2;
  }

  /** Lexes up to the closing delimiter, which only counts outside brackets (`{{ {'a': {'b': 1}} }}`). */
  #lexDelimited(open: number, inner: number, kind: 'output' | 'statement'): number {
    const source = this.#source;
    const closer = kind === 'output' ? '}}' : '%}';
    const brackets: { char: string; start: number }[] = [];
    this.#tokens.push({ kind: `${kind}_begin`, start: open, end: inner });
    let position = inner;
    for (;;) {
      while (isWhitespace(source[position])) position += 1;
      const char = source[position];
      if (char === undefined) {
        throw new TemplateError('template_syntax', `unclosed '${source.slice(open, open + 2)}'`, open);
      }
      if (brackets.length === 0) {
        const trim = source.startsWith(`-${closer}`, position);
        if (trim || source.startsWith(closer, position)) {
          const end = position + (trim ? 3 : 2);
          this.#tokens.push({ kind: `${kind}_end`, start: position, end });
          this.#stripNextText = trim;
          return end;
        }
      }
      if (isNameStart(char)) position = this.#lexName(position);
      else if (isDigit(char)) position = this.#lexNumber(position);
      else if (char === '"' || char === "'") position = this.#lexString(position);
      else position = this.#lexOperator(position, brackets);
    }
  }

  #lexName(start: number): number {
    let end = start + 1;
    while (isNameStart(this.#source[end]) || isDigit(this.#source[end])) end += 1;
    this.#tokens.push({ kind: 'name', value: this.#source.slice(start, end), start, end });
    return end;
  }

  #lexNumber(start: number): number {
    const source = this.#source;
    let end = this.#skipDigits(start);
    if (source[end] === '.' && isDigit(source[end + 1])) end = this.#skipDigits(end + 1);
    if (source[end] === 'e' || source[end] === 'E') {
      const sign = source[end + 1] === '+' || source[end + 1] === '-' ? 1 : 0;
      if (isDigit(source[end + 1 + sign])) end = this.#skipDigits(end + 1 + sign);
    }
    const value = Number(source.slice(start, end).replaceAll('_', ''));
    this.#tokens.push({ kind: 'number', value, start, end });
    return end;
  }

  /** Digits with single underscores between them, as in `1_000`. */
  #skipDigits(start: number): number {
    let end = start;
    while (isDigit(this.#source[end]) || (this.#source[end] === '_' && isDigit(this.#source[end + 1])))
      end += 1;
    return end;
  }

  /** Python's string escapes; an unknown one keeps its backslash, as Python does. */
  #lexString(start: number): number {
    const source = this.#source;
    const quote = source[start];
    const parts: string[] = [];
    let position = start + 1;
    for (;;) {
      const char = source[position];
      if (char === undefined) throw new TemplateError('template_syntax', 'unterminated string', start);
      if (char === quote) break;
      if (char !== '\\') {
        parts.push(char);
        position += 1;
        continue;
      }
      const escaped = source[position + 1] ?? '';
      const simple = SIMPLE_ESCAPES[escaped];
      const hexDigits = HEX_ESCAPE_DIGITS[escaped];
      if (simple !== undefined) {
        parts.push(simple);
        position += 2;
      } else if (escaped === '\n') {
        position += 2;
      } else if (hexDigits !== undefined) {
        const hex = source.slice(position + 2, position + 2 + hexDigits);
        const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexDigits ? Number.parseInt(hex, 16) : -1;
        if (code < 0 || code > 0x10ffff) {
          throw new TemplateError('template_syntax', `invalid \\${escaped} escape`, position);
        }
        parts.push(String.fromCodePoint(code));
        position += 2 + hexDigits;
      } else if (escaped >= '0' && escaped <= '7') {
        let end = position + 1;
        while (end < position + 4 && (source[end] ?? '') >= '0' && (source[end] ?? '') <= '7') end += 1;
        parts.push(String.fromCharCode(Number.parseInt(source.slice(position + 1, end), 8)));
        position = end;
      } else {
        parts.push('\\');
        position += 1;
      }
    }
    this.#tokens.push({ kind: 'string', value: parts.join(''), start, end: position + 1 });
    return position + 1;
  }

  /** `brackets` holds the open brackets with their positions, so a mismatch names the one left open. */
  #lexOperator(start: number, brackets: { char: string; start: number }[]): number {
    const two = this.#source.slice(start, start + 2);
    const char = two[0] ?? '';
    const operator = TWO_CHAR_OPERATORS.has(two) ? two : ONE_CHAR_OPERATORS.includes(char) ? char : undefined;
    if (operator === undefined) {
      throw new TemplateError('template_syntax', `unexpected character '${char}'`, start);
    }
    if (operator === '(' || operator === '[' || operator === '{') brackets.push({ char: operator, start });
    const opener = OPENERS[operator];
    if (opener !== undefined) {
      const open = brackets.pop();
      if (open === undefined) {
        throw new TemplateError('template_syntax', `unexpected token '${operator}'`, start);
      }
      if (open.char !== opener) {
        throw new TemplateError('template_syntax', `unclosed '${open.char}'`, open.start);
      }
    }
    this.#tokens.push({ kind: 'operator', value: operator, start, end: start + operator.length });
    return start + operator.length;
  }
}

function isWhitespace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f' || char === '\v';
}

function isNameStart(char: string | undefined): boolean {
  return char !== undefined && ((char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || char === '_');
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}
