import type { BinaryOperator, CallArguments, CompareOperator, Expression } from './template-ast.ts';
import { TemplateError } from './template-error.ts';
import { FILTERS } from './template-filters.ts';
import { KEYWORDS, parseArguments, parsePostfix, parsePrimary } from './template-primary-parser.ts';
import { TESTS } from './template-tests.ts';
import type { TokenStream } from './template-token-stream.ts';

const COMPARE_OPERATORS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);
/** `+ -`, then `~`, then `* / // %`, then `**`: Jinja's parse_math1, parse_concat, parse_math2, parse_pow. */
const BINARY_LEVELS: readonly ReadonlySet<string>[] = [
  new Set(['+', '-']),
  new Set(['~']),
  new Set(['*', '/', '//', '%']),
  new Set(['**']),
];
/**
 * Parses one expression with Jinja's grammar and precedence, from `parse_condexpr` down to
 * `parse_unary`: filters and tests bind tighter than arithmetic (`value | int * 2`), `**` is
 * left-associative and `-2 ** 2` is 4, as in Jinja. An unknown filter or test is a syntax error,
 * as in Jinja; only a method name can be called.
 */
export function parseExpression(stream: TokenStream): Expression {
  stream.enter(stream.current.start);
  let expression = parseOr(stream);
  while (stream.isName('if')) {
    const at = stream.take().start;
    const test = parseOr(stream);
    let otherwise: Expression | undefined;
    if (stream.isName('else')) {
      stream.take();
      otherwise = parseExpression(stream);
    }
    const then = expression;
    expression = { kind: 'conditional', test, then, otherwise, ...stream.span(then.start, at) };
  }
  stream.leave();
  return expression;
}

function parseOr(stream: TokenStream): Expression {
  return parseLogical(stream, 'or', () => parseLogical(stream, 'and', () => parseNot(stream)));
}

function parseLogical(stream: TokenStream, operator: 'and' | 'or', operand: () => Expression): Expression {
  let left = operand();
  while (stream.isName(operator)) {
    const at = stream.take().start;
    const right = operand();
    left = { kind: 'logical', operator, left, right, ...stream.span(left.start, at) };
  }
  return left;
}

function parseNot(stream: TokenStream): Expression {
  if (!stream.isName('not')) return parseCompare(stream);
  const at = stream.take().start;
  stream.enter(at);
  const operand = parseNot(stream);
  stream.leave();
  return { kind: 'unary', operator: 'not', operand, ...stream.span(at, at) };
}

function parseCompare(stream: TokenStream): Expression {
  const first = parseBinary(stream, 0);
  const rest: { operator: CompareOperator; operand: Expression }[] = [];
  let at = first.start;
  for (;;) {
    const token = stream.current;
    let operator: CompareOperator;
    if (token.kind === 'operator' && COMPARE_OPERATORS.has(token.value))
      operator = token.value as CompareOperator;
    else if (stream.isName('in')) operator = 'in';
    else if (stream.isName('not') && stream.isName('in', 1)) operator = 'not in';
    else break;
    if (rest.length === 0) at = token.start;
    stream.skip(operator === 'not in' ? 2 : 1);
    rest.push({ operator, operand: parseBinary(stream, 0) });
  }
  return rest.length === 0 ? first : { kind: 'compare', first, rest, ...stream.span(first.start, at) };
}

function parseBinary(stream: TokenStream, level: number): Expression {
  const operators = BINARY_LEVELS[level];
  if (operators === undefined) return parseUnary(stream, true);
  let left = parseBinary(stream, level + 1);
  for (;;) {
    const token = stream.current;
    if (token.kind !== 'operator' || !operators.has(token.value)) return left;
    stream.take();
    const right = parseBinary(stream, level + 1);
    const operator = token.value as BinaryOperator;
    left = { kind: 'binary', operator, left, right, ...stream.span(left.start, token.start) };
  }
}

function parseUnary(stream: TokenStream, withFilters: boolean): Expression {
  const token = stream.current;
  let expression: Expression;
  if (token.kind === 'operator' && (token.value === '-' || token.value === '+')) {
    stream.take();
    stream.enter(token.start);
    const operand = parseUnary(stream, false);
    stream.leave();
    expression = { kind: 'unary', operator: token.value, operand, ...stream.span(token.start, token.start) };
  } else {
    expression = parsePrimary(stream, parseExpression);
  }
  expression = parsePostfix(stream, expression, parseExpression);
  return withFilters ? parseFiltersAndTests(stream, expression) : expression;
}
function parseFiltersAndTests(stream: TokenStream, initial: Expression): Expression {
  let expression = initial;
  for (;;) {
    const input = expression;
    if (stream.isOperator('|')) {
      const at = stream.take().start;
      const name = stream.expectName('a filter name');
      if (!FILTERS.has(name.value)) {
        throw new TemplateError('template_syntax', `unknown filter '${name.value}'`, name.start);
      }
      const call: CallArguments = stream.isOperator('(')
        ? parseArguments(stream, parseExpression)
        : { args: [], kwargs: [] };
      expression = { kind: 'filter', input, name: name.value, ...call, ...stream.span(input.start, at) };
    } else if (stream.isName('is')) {
      const at = stream.take().start;
      const negated = stream.isName('not');
      if (negated) stream.take();
      const name = stream.expectName('a test name');
      if (!TESTS.has(name.value)) {
        throw new TemplateError('template_syntax', `unknown test '${name.value}'`, name.start);
      }
      let call: CallArguments = { args: [], kwargs: [] };
      if (stream.isOperator('(')) call = parseArguments(stream, parseExpression);
      else if (startsBareTestArgument(stream))
        call = {
          args: [parsePostfix(stream, parsePrimary(stream, parseExpression), parseExpression)],
          kwargs: [],
        };
      expression = {
        kind: 'test',
        input,
        name: name.value,
        negated,
        ...call,
        ...stream.span(input.start, at),
      };
    } else {
      return expression;
    }
  }
}

/** Jinja takes one argument without parentheses: `value is divisibleby 3`. */
function startsBareTestArgument(stream: TokenStream): boolean {
  const token = stream.current;
  if (token.kind === 'name') return !KEYWORDS.has(token.value);
  if (token.kind === 'operator') return token.value === '[' || token.value === '{';
  return token.kind === 'string' || token.kind === 'number';
}
