import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../../hub/template/template-error.ts';
import type { Token } from '../../../hub/template/template-lexer.ts';
import { tokenize } from '../../../hub/template/template-lexer.ts';

/** Tokens as short strings: `text:…`, `name:…`, `op:…`, `str:…`, `num:…`, and the delimiters. */
function lex(source: string): string[] {
  return tokenize(source).map(show);
}

function show(token: Token): string {
  switch (token.kind) {
    case 'text':
      return `text:${token.value}`;
    case 'name':
      return `name:${token.value}`;
    case 'operator':
      return `op:${token.value}`;
    case 'string':
      return `str:${token.value}`;
    case 'number':
      return `num:${token.value}`;
    case 'output_begin':
      return '{{';
    case 'output_end':
      return '}}';
    case 'statement_begin':
      return '{%';
    case 'statement_end':
      return '%}';
    case 'end':
      return 'end';
  }
}

function lexError(source: string): TemplateError {
  try {
    tokenize(source);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('template lexer', () => {
  it.each<[string, string[]]>([
    ['plain text', ['text:plain text', 'end']],
    ['', ['end']],
    ['{{ value }}', ['{{', 'name:value', '}}', 'end']],
    ['a{{x}}b', ['text:a', '{{', 'name:x', '}}', 'text:b', 'end']],
    [
      '{{ value_json.data[0] }}',
      ['{{', 'name:value_json', 'op:.', 'name:data', 'op:[', 'num:0', 'op:]', '}}', 'end'],
    ],
    ['{{ a // b ** c }}', ['{{', 'name:a', 'op://', 'name:b', 'op:**', 'name:c', '}}', 'end']],
    [
      '{{ a == b != c <= d >= e < f > g }}',
      [
        '{{',
        'name:a',
        'op:==',
        'name:b',
        'op:!=',
        'name:c',
        'op:<=',
        'name:d',
        'op:>=',
        'name:e',
        'op:<',
        'name:f',
        'op:>',
        'name:g',
        '}}',
        'end',
      ],
    ],
    [
      '{{ x | round(1) ~ y }}',
      ['{{', 'name:x', 'op:|', 'name:round', 'op:(', 'num:1', 'op:)', 'op:~', 'name:y', '}}', 'end'],
    ],
    ['{% if x %}y{% endif %}', ['{%', 'name:if', 'name:x', '%}', 'text:y', '{%', 'name:endif', '%}', 'end']],
  ])('splits %j into tokens', (source, expected) => {
    expect(lex(source)).toEqual(expected);
  });

  it.each<[string, number]>([
    ['{{ 42 }}', 42],
    ['{{ 1_000 }}', 1000],
    ['{{ 2.5 }}', 2.5],
    ['{{ 1e3 }}', 1000],
    ['{{ 1.5E-2 }}', 0.015],
  ])('reads the number in %j', (source, value) => {
    expect(lex(source)[1]).toBe(`num:${value}`);
  });

  it('stops a number before a dot that starts an attribute, so items.0 is an index', () => {
    expect(lex('{{ 1.x }}')).toEqual(['{{', 'num:1', 'op:.', 'name:x', '}}', 'end']);
  });

  it.each<[string, string]>([
    [String.raw`{{ 'it\'s' }}`, "it's"],
    [String.raw`{{ "say \"hi\"" }}`, 'say "hi"'],
    [String.raw`{{ 'a\nb\tc\\d' }}`, 'a\nb\tc\\d'],
    [String.raw`{{ '\x41\u00e9\U0001F600\101' }}`, 'Aé😀A'],
    [String.raw`{{ '\q' }}`, '\\q'],
    ['{{ "}}" }}', '}}'],
    ["{{ 'multi\nline' }}", 'multi\nline'],
  ])('decodes Python string escapes in %j', (source, value) => {
    expect(lex(source)[1]).toBe(`str:${value}`);
  });

  it('ends an expression only at a closing delimiter outside brackets', () => {
    expect(lex("{{ {'a': {'b': 1}} }}")).toEqual([
      '{{',
      'op:{',
      'str:a',
      'op::',
      'op:{',
      'str:b',
      'op::',
      'num:1',
      'op:}',
      'op:}',
      '}}',
      'end',
    ]);
  });

  it('keeps a JSON command template text around its expressions', () => {
    expect(lex('{"state": "{{ value }}", "brightness": {{ brightness }}}')).toEqual([
      'text:{"state": "',
      '{{',
      'name:value',
      '}}',
      'text:", "brightness": ',
      '{{',
      'name:brightness',
      '}}',
      'text:}',
      'end',
    ]);
  });

  it.each<[string, string[]]>([
    ['a  {{- x }}', ['text:a', '{{', 'name:x', '}}', 'end']],
    ['{{ x -}}  \n b', ['{{', 'name:x', '}}', 'text:b', 'end']],
    [
      'a \n{%- if x -%}\n b {%- endif %}',
      ['text:a', '{%', 'name:if', 'name:x', '%}', 'text:b', '{%', 'name:endif', '%}', 'end'],
    ],
  ])('strips whitespace beside a - delimiter in %j', (source, expected) => {
    expect(lex(source)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    ['a{# note #}b', ['text:a', 'text:b', 'end']],
    ['a {#- note -#} b', ['text:a', 'text:b', 'end']],
  ])('drops the comment in %j', (source, expected) => {
    expect(lex(source)).toEqual(expected);
  });

  it('drops one trailing newline, as Jinja does by default', () => {
    expect(lex('{{ x }}\n')).toEqual(['{{', 'name:x', '}}', 'end']);
    expect(lex('{{ x }}\n\n')).toEqual(['{{', 'name:x', '}}', 'text:\n', 'end']);
  });

  it('records where each token starts', () => {
    expect(tokenize('ab{{ cd }}').map((token) => token.start)).toEqual([0, 2, 5, 8, 10]);
  });

  it.each<[string, string]>([
    ["{{ 'abc }}", 'unterminated string at 3'],
    ['{{ x', "unclosed '{{' at 0"],
    ['{% if x', "unclosed '{%' at 0"],
    ['{# note', "unclosed '{#' at 0"],
    ['{{ a ! b }}', "unexpected character '!' at 5"],
    ['{{ a $ b }}', "unexpected character '$' at 5"],
    ['{{ (a] }}', "unclosed '(' at 3"],
    ['{{ a) }}', "unexpected token ')' at 4"],
    ['{{ [a }}', "unclosed '[' at 3"],
    [String.raw`{{ '\x4' }}`, String.raw`invalid \x escape at 4`],
  ])('rejects %j with a precise message', (source, message) => {
    const error = lexError(source);
    expect(error.code).toBe('template_syntax');
    expect(error.message).toBe(message);
  });
});
