import type { CallArguments, Expression } from './template-ast.ts';
import { TemplateError } from './template-error.ts';
import type { TokenStream } from './template-token-stream.ts';

/** The whole-expression parser, passed in: brackets and arguments hold full expressions. */
export type ParseExpression = (stream: TokenStream) => Expression;

/** Names that are operators, never variables. */
export const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else']);
const CONSTANTS: ReadonlyMap<string, boolean | null> = new Map([
  ['true', true],
  ['True', true],
  ['false', false],
  ['False', false],
  ['none', null],
  ['None', null],
]);

/**
 * The tightest-binding part of Jinja's grammar: literals, names, `( )` `[ ]` `{ }`, then postfix
 * `.name`, `.0`, `[index]`, `[lower:upper:step]` and method calls `.name(args)`. Only a method
 * name can be called; `value()` or `x.y()()` are syntax errors, so there is no way to call a value.
 */
export function parsePrimary(stream: TokenStream, parse: ParseExpression): Expression {
  const token = stream.take();
  const start = token.start;
  if (token.kind === 'number') return { kind: 'literal', value: token.value, ...stream.span(start, start) };
  if (token.kind === 'string') {
    // Adjacent string literals concatenate, as in Python.
    let value = token.value;
    for (let next = stream.current; next.kind === 'string'; next = stream.current) {
      value += next.value;
      stream.take();
    }
    return { kind: 'literal', value, ...stream.span(start, start) };
  }
  if (token.kind === 'name') {
    const constant = CONSTANTS.get(token.value);
    if (constant !== undefined) return { kind: 'literal', value: constant, ...stream.span(start, start) };
    if (!KEYWORDS.has(token.value)) return { kind: 'name', name: token.value, ...stream.span(start, start) };
  }
  if (token.kind === 'operator' && token.value === '(') {
    // `(x)` groups; `()`, `(x,)` and `(x, y)` are tuples, which are lists here.
    if (stream.accept(')')) return { kind: 'list', items: [], ...stream.span(start, start) };
    const first = parse(stream);
    if (stream.accept(')')) return { ...first, ...stream.span(start, first.at) };
    if (!stream.accept(',')) throw stream.unexpected(stream.current, "')'");
    const items = [first, ...parseSequence(stream, parse, ')')];
    return { kind: 'list', items, ...stream.span(start, start) };
  }
  if (token.kind === 'operator' && token.value === '[') {
    return { kind: 'list', items: parseSequence(stream, parse, ']'), ...stream.span(start, start) };
  }
  if (token.kind === 'operator' && token.value === '{') return parseDict(stream, parse, start);
  throw stream.unexpected(token);
}

/** Comma-separated expressions up to `closer`, a trailing comma allowed. */
function parseSequence(stream: TokenStream, parse: ParseExpression, closer: string): Expression[] {
  const items: Expression[] = [];
  while (!stream.isOperator(closer)) {
    items.push(parse(stream));
    if (!stream.accept(',')) break;
  }
  stream.expectOperator(closer);
  return items;
}

function parseDict(stream: TokenStream, parse: ParseExpression, start: number): Expression {
  const entries: { key: Expression; value: Expression }[] = [];
  while (!stream.isOperator('}')) {
    const key = parse(stream);
    stream.expectOperator(':');
    entries.push({ key, value: parse(stream) });
    if (!stream.accept(',')) break;
  }
  stream.expectOperator('}');
  return { kind: 'dict', entries, ...stream.span(start, start) };
}

export function parsePostfix(stream: TokenStream, initial: Expression, parse: ParseExpression): Expression {
  let expression = initial;
  for (;;) {
    const object = expression;
    const token = stream.current;
    if (stream.accept('.')) {
      const name = stream.take();
      if (name.kind === 'number' && Number.isInteger(name.value)) {
        // `items.0` is `items[0]`, as in Jinja.
        const index: Expression = {
          kind: 'literal',
          value: name.value,
          ...stream.span(name.start, name.start),
        };
        expression = { kind: 'index', object, index, ...stream.span(object.start, token.start) };
      } else if (name.kind !== 'name') {
        throw stream.unexpected(name, 'an attribute name');
      } else if (stream.isOperator('(')) {
        const call = parseArguments(stream, parse);
        expression = {
          kind: 'method',
          object,
          name: name.value,
          ...call,
          ...stream.span(object.start, name.start),
        };
      } else {
        expression = {
          kind: 'attribute',
          object,
          name: name.value,
          ...stream.span(object.start, token.start),
        };
      }
    } else if (stream.accept('[')) {
      expression = parseSubscript(stream, parse, object, token.start);
    } else if (stream.isOperator('(')) {
      throw new TemplateError('template_syntax', 'only methods can be called', token.start);
    } else {
      return expression;
    }
  }
}

/** `[i]`, or a slice `[lower:upper:step]` with any part left out. */
function parseSubscript(
  stream: TokenStream,
  parse: ParseExpression,
  object: Expression,
  at: number,
): Expression {
  const lower = stream.isOperator(':') ? undefined : parse(stream);
  if (lower !== undefined && stream.accept(']'))
    return { kind: 'index', object, index: lower, ...stream.span(object.start, at) };
  stream.expectOperator(':');
  const upper = stream.isOperator(':') || stream.isOperator(']') ? undefined : parse(stream);
  const step = stream.accept(':') && !stream.isOperator(']') ? parse(stream) : undefined;
  stream.expectOperator(']');
  return { kind: 'slice', object, lower, upper, step, ...stream.span(object.start, at) };
}

/** `(a, b, name=c)`: Python's call syntax, keywords after positionals. */
export function parseArguments(stream: TokenStream, parse: ParseExpression): CallArguments {
  stream.expectOperator('(');
  const args: Expression[] = [];
  const kwargs: { name: string; value: Expression }[] = [];
  while (!stream.isOperator(')')) {
    const token = stream.current;
    const next = stream.peek(1);
    if (token.kind === 'name' && next.kind === 'operator' && next.value === '=') {
      stream.skip(2);
      kwargs.push({ name: token.value, value: parse(stream) });
    } else if (kwargs.length > 0) {
      throw new TemplateError('template_syntax', 'positional argument after keyword argument', token.start);
    } else {
      args.push(parse(stream));
    }
    if (!stream.accept(',')) break;
  }
  stream.expectOperator(')');
  return { args, kwargs };
}
