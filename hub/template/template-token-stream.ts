import { TEMPLATE_LIMITS } from './template-budget.ts';
import { TemplateError } from './template-error.ts';
import type { Token } from './template-lexer.ts';

export interface Located {
  readonly start: number;
  readonly end: number;
  readonly at: number;
}

/** The parser's cursor over tokens, with the recursion guard and the syntax error messages. */
export class TokenStream {
  readonly #tokens: readonly Token[];
  #index = 0;
  #depth = 0;

  constructor(tokens: readonly Token[]) {
    if (tokens.length === 0) throw new TemplateError('template_syntax', 'empty token stream');
    this.#tokens = tokens;
  }

  get current(): Token {
    return this.peek(0);
  }

  peek(offset: number): Token {
    const last = this.#tokens.length - 1;
    return this.#tokens[Math.min(this.#index + offset, last)] as Token;
  }

  take(): Token {
    const token = this.current;
    if (token.kind !== 'end') this.#index += 1;
    return token;
  }

  skip(count: number): void {
    for (let index = 0; index < count; index += 1) this.take();
  }

  /** A node's location: from `start` to the end of the last token taken, reported at `at`. */
  span(start: number, at: number): Located {
    const previous = this.#tokens[this.#index - 1];
    return { start, end: previous === undefined ? start : previous.end, at };
  }

  isName(name: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'name' && token.value === name;
  }

  isOperator(operator: string): boolean {
    const token = this.current;
    return token.kind === 'operator' && token.value === operator;
  }

  /** Takes the operator if it is next. */
  accept(operator: string): boolean {
    if (!this.isOperator(operator)) return false;
    this.#index += 1;
    return true;
  }

  expect(kind: Token['kind'], what: string): Token {
    const token = this.current;
    if (token.kind !== kind) throw this.unexpected(token, what);
    return this.take();
  }

  expectOperator(operator: string): void {
    if (!this.accept(operator)) throw this.unexpected(this.current, `'${operator}'`);
  }

  expectName(what: string): { readonly value: string; readonly start: number } {
    const token = this.current;
    if (token.kind !== 'name') throw this.unexpected(token, what);
    this.#index += 1;
    return token;
  }

  /** Parser recursion is bounded, not only the finished tree: `((((…` must not exhaust the stack. */
  enter(position: number): void {
    this.#depth += 1;
    if (this.#depth > TEMPLATE_LIMITS.depth) throw depthError(position);
  }

  leave(): void {
    this.#depth -= 1;
  }

  unexpected(token: Token, expected?: string): TemplateError {
    const found = token.kind === 'end' ? 'end of template' : `token '${describeToken(token)}'`;
    const detail =
      expected === undefined ? `unexpected ${found}` : `unexpected ${found}, expected ${expected}`;
    return new TemplateError('template_syntax', detail, token.start);
  }
}

export function depthError(position: number): TemplateError {
  return new TemplateError('template_limit', `nesting deeper than ${TEMPLATE_LIMITS.depth}`, position);
}

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'output_begin':
      return '{{';
    case 'output_end':
      return '}}';
    case 'statement_begin':
      return '{%';
    case 'statement_end':
      return '%}';
    case 'end':
      return '';
    case 'string':
      return `"${token.value.slice(0, 30)}"`;
    case 'text':
      return token.value.slice(0, 30);
    default:
      return String(token.value);
  }
}
