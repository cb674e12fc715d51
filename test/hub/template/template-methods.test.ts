import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateError } from '../../../hub/template/compile-template.ts';

function render(source: string, variables: Record<string, unknown> = {}): string {
  return compileTemplate(source).render(variables);
}

function renderError(source: string): TemplateError {
  try {
    render(source, { d: { a: 1 } });
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('template methods', () => {
  it.each<[string, string]>([
    ["{{ 'a,b,c'.split(',') }}", "['a', 'b', 'c']"],
    ["{{ 'a,b,c'.split(',', 1) }}", "['a', 'b,c']"],
    ["{{ 'a,b,,c'.split(',', maxsplit=2) }}", "['a', 'b', ',c']"],
    ["{{ '  a  b '.split() }}", "['a', 'b']"],
    ["{{ '  a b  c  '.split(none, 1) }}", "['a', 'b  c  ']"],
    ["{{ ''.split(',') }}", "['']"],
    ["{{ ''.split() }}", '[]'],
    ["{{ 'a.b'.split('.') }}", "['a', 'b']"],
    ["{{ 'a(b'.split('(') }}", "['a', 'b']"],
    ["{{ 'ABC'.lower() }}{{ 'abc'.upper() }}", 'abcABC'],
    ["{{ '  x  '.strip() }}|{{ '  x  '.lstrip() }}|{{ '  x  '.rstrip() }}", 'x|x  |  x'],
    ["{{ 'xxyxx'.strip('x') }}", 'y'],
    [
      "{{ 'abc'.startswith('ab') }}|{{ 'abc'.endswith('bc') }}|{{ 'abc'.startswith('c') }}",
      'True|True|False',
    ],
    ["{{ 'abc'.endswith(('x', 'c')) }}", 'True'],
    ["{{ 'aaa'.replace('a', 'b') }}|{{ 'aaa'.replace('a', 'b', 1) }}", 'bbb|baa'],
    ["{{ 'hello 1st wORLD'.title() }}", 'Hello 1St World'],
    ["{{ 'hello World'.capitalize() }}", 'Hello world'],
    ["{{ ', '.join(['a', 'b']) }}", 'a, b'],
    ["{{ d.get('a') }}|{{ d.get('b') }}|{{ d.get('b', 2) }}", '1|None|2'],
    ["{{ {'a': 1, 'b': 2}.keys() | list }}", "['a', 'b']"],
    ["{{ {'a': 1, 'b': 2}.values() | list }}", '[1, 2]'],
    ["{{ {'a': 1}.items() }}", "[['a', 1]]"],
    ["{{ {'a': 1}.items()[0][1] }}", '1'],
    ["{{ {1: 'x'}.get(1) }}", 'x'],
    ["{{ value.split(',')[1] | int + 1 }}", '35'],
  ])('renders %j as %j', (source, expected) => {
    expect(render(source, { d: { a: 1 }, value: '12,34' })).toBe(expected);
  });

  it('prefers the method to a key of the same name, as Jinja does for dicts', () => {
    expect(render("{{ d.get('get') }} {{ d['get'] }}", { d: { get: 'key' } })).toBe('key key');
  });

  it.each<[string, string]>([
    ["{{ 'x'.split('') }}", 'empty separator at 7'],
    ["{{ 'x'.split(1) }}", 'separator must be a string at 7'],
    ["{{ 'x'.replace('a') }}", "str.replace() is missing argument 'new' at 7"],
    ["{{ 'x'.upper(1) }}", 'str.upper() takes at most 0 argument(s) at 7'],
    ["{{ 'x'.join([1]) }}", "str.join() expects strings, found 'int' at 7"],
    ["{{ 'x'.format(1) }}", "'str' object has no method 'format' at 7"],
    ['{{ [1].append(2) }}', "'list' object has no method 'append' at 7"],
    ['{{ (1).bit_length() }}', "'int' object has no method 'bit_length' at 7"],
    ["{{ d.pop('a') }}", "'dict' object has no method 'pop' at 5"],
  ])('fails %j with %j', (source, message) => {
    const error = renderError(source);
    expect(error.code).toBe('template_render');
    expect(error.message).toBe(message);
  });
});
