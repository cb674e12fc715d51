import { describe, expect, it } from 'vitest';
import type { CallArguments, Expression, TemplateNode } from '../../../hub/template/template-ast.ts';
import { TemplateError } from '../../../hub/template/template-error.ts';
import { tokenize } from '../../../hub/template/template-lexer.ts';
import { parseTemplate } from '../../../hub/template/template-parser.ts';

/** The tree as an S-expression, so that precedence reads at a glance. */
function show(expression: Expression): string {
  switch (expression.kind) {
    case 'literal':
      return JSON.stringify(expression.value);
    case 'name':
      return expression.name;
    case 'list':
      return `[${expression.items.map(show).join(' ')}]`;
    case 'dict':
      return `{${expression.entries.map((entry) => `${show(entry.key)}: ${show(entry.value)}`).join(', ')}}`;
    case 'attribute':
      return `(. ${show(expression.object)} ${expression.name})`;
    case 'index':
      return `([] ${show(expression.object)} ${show(expression.index)})`;
    case 'slice': {
      const part = (child: Expression | undefined) => (child === undefined ? '_' : show(child));
      return `([:] ${show(expression.object)} ${part(expression.lower)} ${part(expression.upper)} ${part(expression.step)})`;
    }
    case 'method':
      return `(.${expression.name}() ${show(expression.object)}${showArguments(expression)})`;
    case 'unary':
      return `(${expression.operator} ${show(expression.operand)})`;
    case 'binary':
    case 'logical':
      return `(${expression.operator} ${show(expression.left)} ${show(expression.right)})`;
    case 'compare':
      return `(${[show(expression.first), ...expression.rest.map((link) => `${link.operator} ${show(link.operand)}`)].join(' ')})`;
    case 'conditional':
      return `(if ${show(expression.test)} ${show(expression.then)} ${expression.otherwise ? show(expression.otherwise) : '_'})`;
    case 'filter':
      return `(|${expression.name} ${show(expression.input)}${showArguments(expression)})`;
    case 'test':
      return `(is${expression.negated ? '-not' : ''} ${expression.name} ${show(expression.input)}${showArguments(expression)})`;
  }
}

function showArguments(call: CallArguments): string {
  const parts = [...call.args.map(show), ...call.kwargs.map((kwarg) => `${kwarg.name}=${show(kwarg.value)}`)];
  return parts.map((part) => ` ${part}`).join('');
}

function showNode(node: TemplateNode): string {
  if (node.kind === 'text') return JSON.stringify(node.text);
  if (node.kind === 'output') return `{{ ${show(node.expression)} }}`;
  if (node.kind === 'set') return `(set ${node.name} = ${show(node.value)})`;
  const branches = node.branches.map(
    (branch) => `${show(branch.test)} -> ${branch.body.map(showNode).join(' ')}`,
  );
  return `(if ${branches.join(' | ')} | else -> ${node.otherwise.map(showNode).join(' ')})`;
}

function parse(source: string): string {
  return parseTemplate(tokenize(source)).map(showNode).join(' ');
}

function parseExpression(source: string): string {
  const [node] = parseTemplate(tokenize(`{{ ${source} }}`));
  if (node?.kind !== 'output') throw new Error('not an output');
  return show(node.expression);
}

function parseError(source: string): TemplateError {
  try {
    parseTemplate(tokenize(source));
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('template parser', () => {
  it.each<[string, string]>([
    ['value_json.temperature', '(. value_json temperature)'],
    ['value_json["state"]', '([] value_json "state")'],
    ['value_json.data[0].temp | float | round(1)', '(|round (|float (. ([] (. value_json data) 0) temp)) 1)'],
    ["'ON' if value_json.state == 'on' else 'OFF'", '(if ((. value_json state) == "on") "ON" "OFF")'],
    ['(value | int) * 2', '(* (|int value) 2)'],
    ["value.split(',')[1]", '([] (.split() value ",") 1)'],
    ["value_json.missing | default('n/a')", '(|default (. value_json missing) "n/a")'],
    ['items.0', '([] items 0)'],
    ['a[-1]', '([] a (- 1))'],
    ['a[1:3]', '([:] a 1 3 _)'],
    ['s[:5]', '([:] s _ 5 _)'],
    ['s[::-1]', '([:] s _ _ (- 1))'],
    ['s[2:]', '([:] s 2 _ _)'],
  ])('parses the device template %j', (source, tree) => {
    expect(parseExpression(source)).toBe(tree);
  });

  it.each<[string, string]>([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['a ~ b + c', '(+ (~ a b) c)'],
    ['a * b ~ c', '(~ (* a b) c)'],
    ['2 ** 3 ** 2', '(** (** 2 3) 2)'],
    ['-2 ** 2', '(** (- 2) 2)'],
    ['-x | abs', '(|abs (- x))'],
    ['value | int * 2', '(* (|int value) 2)'],
    ['a or b and c', '(or a (and b c))'],
    ['not a == b', '(not (a == b))'],
    ['not not a', '(not (not a))'],
    ['a < b <= c', '(a < b <= c)'],
    ['a not in b', '(a not in b)'],
    ['a in b and c', '(and (a in b) c)'],
    ['a if b', '(if b a _)'],
    ['a if b else c if d else e', '(if b a (if d c e))'],
    ['x is defined', '(is defined x)'],
    ['x is not none', '(is-not none x)'],
    ['x is divisibleby 3', '(is divisibleby x 3)'],
    ['x is divisibleby(3) and y', '(and (is divisibleby x 3) y)'],
    ['x is defined and y is not defined', '(and (is defined x) (is-not defined y))'],
    ['x | default(1, true) | join(sep)', '(|join (|default x 1 true) sep)'],
    ['x | round(1, method="floor")', '(|round x 1 method="floor")'],
  ])('gives %j Jinja precedence', (source, tree) => {
    expect(parseExpression(source)).toBe(tree);
  });

  it.each<[string, string]>([
    ['true', 'true'],
    ['True', 'true'],
    ['false', 'false'],
    ['False', 'false'],
    ['none', 'null'],
    ['None', 'null'],
    ["'a' 'b'", '"ab"'],
    ['[]', '[]'],
    ['[1, "a", none,]', '[1 "a" null]'],
    ['()', '[]'],
    ['(1,)', '[1]'],
    ['(1, 2)', '[1 2]'],
    ['(1)', '1'],
    ["{'a': 1, 2: [3]}", '{"a": 1, 2: [3]}'],
    ["{'a': {'b': 1}}", '{"a": {"b": 1}}'],
    ['{}', '{}'],
  ])('parses the literal %j', (source, tree) => {
    expect(parseExpression(source)).toBe(tree);
  });

  it.each<[string, string]>([
    ['a{{ x }}b', '"a" {{ x }} "b"'],
    ['{% if a %}x{% endif %}', '(if a -> "x" | else -> )'],
    ['{% if a %}x{% else %}y{% endif %}', '(if a -> "x" | else -> "y")'],
    [
      '{% if a %}x{% elif b %}y{% elif c %}z{% else %}w{% endif %}',
      '(if a -> "x" | b -> "y" | c -> "z" | else -> "w")',
    ],
    ['{% if a %}{% if b %}x{% endif %}{% endif %}', '(if a -> (if b -> "x" | else -> ) | else -> )'],
  ])('parses the statements in %j', (source, tree) => {
    expect(parse(source)).toBe(tree);
  });

  it('spans each expression so that messages can quote it', () => {
    const [node] = parseTemplate(tokenize('{{ value_json.a.b }}'));
    if (node?.kind !== 'output' || node.expression.kind !== 'attribute') throw new Error('unexpected tree');
    expect([node.expression.object.start, node.expression.object.end]).toEqual([3, 15]);
  });

  it.each<[string, string]>([
    ['{{ ) }}', "unexpected token ')' at 3"],
    ['{{ 1 + }}', "unexpected token '}}' at 7"],
    ['{{ }}', "unexpected token '}}' at 3"],
    ['{{ a b }}', "unexpected token 'b', expected '}}' at 5"],
    ['{{ (1 + 2 }}', "unclosed '(' at 3"],
    ['{{ (1 + 2 3) }}', "unexpected token '3', expected ')' at 10"],
    ['{{ a. }}', "unexpected token '}}', expected an attribute name at 6"],
    ['{{ a | }}', "unexpected token '}}', expected a filter name at 7"],
    ['{{ a | nosuch }}', "unknown filter 'nosuch' at 7"],
    ['{{ a | attr("x") }}', "unknown filter 'attr' at 7"],
    ['{{ a is nosuch }}', "unknown test 'nosuch' at 8"],
    ['{{ range(3) }}', 'only methods can be called at 8'],
    ['{{ a.b()() }}', 'only methods can be called at 8'],
    ["{{ x | round(method='floor', 1) }}", 'positional argument after keyword argument at 29'],
    ['{{ if }}', "unexpected token 'if' at 3"],
    ['{% for x in y %}{% endfor %}', "unknown statement 'for' at 3"],
    ['{% set x %}y{% endset %}', "only '{% set name = expression %}' is supported at 0"],
    ['{% set x, y = 1, 2 %}', "only '{% set name = expression %}' is supported at 0"],
    ['{% set 1 = 1 %}', "unexpected token '1', expected a variable name after set at 7"],
    ['{% if a %}x', "unclosed '{% if %}' at 0"],
    ['{% if a %}x{% else %}y', "unclosed '{% if %}' at 0"],
    ['{% endif %}', "unexpected '{% endif %}' at 3"],
    ['{% if a %}x{% else %}y{% else %}z{% endif %}', "unexpected '{% else %}' at 25"],
    ['{% if a b %}{% endif %}', "unexpected token 'b', expected '%}' at 8"],
  ])('rejects %j with a precise message', (source, message) => {
    const error = parseError(source);
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.code).toBe('template_syntax');
    expect(error.message).toBe(message);
  });

  it.each<[string, string]>([
    ['parentheses', `${'('.repeat(70)}1${')'.repeat(70)}`],
    ['lists', `${'['.repeat(70)}${']'.repeat(70)}`],
    ['unary minus', `${'-'.repeat(70)}1`],
    ['not', `${'not '.repeat(70)}1`],
    ['attribute chains', `a${'.b'.repeat(70)}`],
    ['operator chains', `1${' ~ 1'.repeat(70)}`],
    ['filter chains', `a${' | lower'.repeat(70)}`],
  ])('refuses %s nested deeper than 64', (_, expression) => {
    const error = parseError(`{{ ${expression} }}`);
    expect(error.code).toBe('template_limit');
    expect(error.message).toMatch(/^nesting deeper than 64 at \d+$/);
  });

  it('refuses if statements nested deeper than 64', () => {
    const error = parseError(`${'{% if a %}'.repeat(70)}${'{% endif %}'.repeat(70)}`);
    expect(error.code).toBe('template_limit');
  });

  it('accepts nesting up to the limit', () => {
    expect(() => parseExpression(`${'('.repeat(40)}1${')'.repeat(40)}`)).not.toThrow();
    expect(() => parseExpression(`a${'.b'.repeat(60)}`)).not.toThrow();
  });
});
