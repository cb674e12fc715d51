import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateError } from '../../../hub/template/compile-template.ts';

function render(source: string, variables: Record<string, unknown> = {}): string {
  return compileTemplate(source).render(variables);
}

function renderError(source: string): TemplateError {
  try {
    render(source);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('template filters', () => {
  it.each<[string, string]>([
    // int and float: Jinja's, with a default for what does not convert.
    ["{{ '42' | int }}", '42'],
    ["{{ ' 42 ' | int }}", '42'],
    ["{{ '42.7' | int }}", '42'],
    ["{{ '-3' | int }}", '-3'],
    ["{{ '1_000' | int }}", '1000'],
    ["{{ 'abc' | int }}", '0'],
    ["{{ 'abc' | int(5) }}", '5'],
    ["{{ 'abc' | int(default=7) }}", '7'],
    ["{{ '0x1A' | int(0, 16) }}", '26'],
    ["{{ 'ff' | int(base=16) }}", '255'],
    ["{{ '0b101' | int(0, 0) }}", '5'],
    ['{{ 3.99 | int }}', '3'],
    ['{{ -3.99 | int }}', '-3'],
    ['{{ true | int }}', '1'],
    ['{{ none | int }}', '0'],
    ['{{ [1] | int }}', '0'],
    ["{{ 'nan' | int(9) }}", '9'],
    ["{{ '2.5' | float }}", '2.5'],
    ["{{ ' 1e3 ' | float }}", '1000'],
    ["{{ 'abc' | float }}", '0'],
    ["{{ 'abc' | float(1.5) }}", '1.5'],
    ["{{ 'abc' | float('n/a') }}", 'n/a'],
    ['{{ 3 | float }}', '3'],
    ['{{ none | float }}', '0'],
    // round: Python's half-to-even on the exact value, and Home Assistant's methods.
    ['{{ 2.5 | round }}', '2'],
    ['{{ 3.5 | round }}', '4'],
    ['{{ -2.5 | round }}', '-2'],
    ['{{ 21.45 | round(1) }}', '21.4'],
    ['{{ 1.25 | round(1) }}', '1.2'],
    ['{{ 2.675 | round(2) }}', '2.67'],
    ['{{ 0.125 | round(2) }}', '0.12'],
    ['{{ 1234 | round(-2) }}', '1200'],
    ["{{ 1.234 | round(2, 'floor') }}", '1.23'],
    ["{{ 1.231 | round(2, 'ceil') }}", '1.24'],
    ["{{ 1.26 | round(1, 'half') }}", '1.5'],
    ["{{ '21.456' | round(2) }}", '21.46'],
    ["{{ 'abc' | round(1, default='x') }}", 'x'],
    // text
    ["{{ 'Hello World' | lower }}", 'hello world'],
    ["{{ 'Hello' | upper }}", 'HELLO'],
    ["{{ 'hello WORLD' | capitalize }}", 'Hello world'],
    ["{{ 'hello-world foo(bar) 1st' | title }}", 'Hello-World Foo(Bar) 1st'],
    ["{{ '  a b  ' | trim }}", 'a b'],
    ["{{ 'xxaxx' | trim('x') }}", 'a'],
    ["{{ 'aXbXc' | replace('X', '-') }}", 'a-b-c'],
    ["{{ 'aaa' | replace('a', 'b', 2) }}", 'bba'],
    ["{{ 'abc' | replace('', '-') }}", '-a-b-c-'],
    ["{{ 'a.b' | replace('.', '*') }}", 'a*b'],
    ['{{ 12 | lower }}', '12'],
    ['{{ missing | lower }}', ''],
    ['{{ 1.5 | string }}', '1.5'],
    ['{{ none | string }}', 'None'],
    ["{{ [1, 'a'] | string }}", "[1, 'a']"],
    // default
    ["{{ missing | default('x') }}", 'x'],
    ["{{ missing | d('x') }}", 'x'],
    ["{{ none | default('x') }}", 'None'],
    ["{{ '' | default('x') }}", ''],
    ["{{ '' | default('x', true) }}", 'x'],
    ["{{ 0 | d('z', boolean=true) }}", 'z'],
    ['{{ missing | default }}', ''],
    // collections
    ["{{ [1, 2, 3] | join(',') }}", '1,2,3'],
    ['{{ [1, none, true] | join }}', '1NoneTrue'],
    ["{{ 'abc' | join('-') }}", 'a-b-c'],
    ["{{ {'a': 1, 'b': 2} | join(',') }}", 'a,b'],
    ["{{ missing | join(',') }}", ''],
    ["{{ 'abc' | length }}", '3'],
    ["{{ '😀' | length }}", '1'],
    ['{{ [1, 2] | count }}', '2'],
    ["{{ {'a': 1} | length }}", '1'],
    ['{{ missing | length }}', '0'],
    ['{{ [3, 1, 2] | first }}', '3'],
    ['{{ [3, 1, 2] | last }}', '2'],
    ["{{ 'abc' | first }}{{ 'abc' | last }}", 'ac'],
    ['{{ [] | first }}', ''],
    ['{{ [3, 1, 2] | max }}', '3'],
    ['{{ [3, 1, 2] | min }}', '1'],
    ["{{ ['b', 'A', 'c'] | min }}", 'A'],
    ["{{ ['b', 'A', 'c'] | max }}", 'c'],
    ["{{ ['b', 'A', 'c'] | min(case_sensitive=true) }}", 'A'],
    ['{{ [] | max }}', ''],
    ["{{ 'abc' | list }}", "['a', 'b', 'c']"],
    ["{{ {'a': 1} | list }}", "['a']"],
    ['{{ -3 | abs }}', '3'],
    ['{{ (-2.5) | abs }}', '2.5'],
    ['{{ true | abs }}', '1'],
    // bool, Home Assistant's
    ["{{ 'on' | bool }}", 'True'],
    ["{{ 'Yes' | bool }}", 'True'],
    ["{{ ' off ' | bool }}", 'False'],
    ["{{ '1' | bool }}", 'True'],
    ['{{ 0 | bool }}', 'False'],
    ['{{ 2 | bool }}', 'True'],
    ["{{ 'maybe' | bool(false) }}", 'False'],
    // JSON
    ["{{ {'b': 1, 'a': [1, 'x', none, true]} | tojson }}", '{"a": [1, "x", null, true], "b": 1}'],
    ["{{ '<é>&\\'' | tojson }}", '"\\u003c\\u00e9\\u003e\\u0026\\u0027"'],
    ['{{ [1, [2]] | tojson(2) }}', '[\n  1,\n  [\n    2\n  ]\n]'],
    ["{{ {2: 'b', 10: 'a'} | tojson }}", '{"2": "b", "10": "a"}'],
    ["{{ 'nan' | float | tojson }}", 'NaN'],
    ["{{ {'b': 1, 'a': 'é'} | to_json }}", '{"b":1,"a":"é"}'],
    ["{{ {'b': 1, 'a': 'é'} | to_json(ensure_ascii=true, sort_keys=true) }}", '{"a":"\\u00e9","b":1}'],
    ["{{ {'a': [1]} | to_json(pretty_print=true) }}", '{\n  "a": [\n    1\n  ]\n}'],
    ['{{ \'{"a": [1, 2]}\' | from_json }}', "{'a': [1, 2]}"],
    ['{{ (\'{"a": {"b": 5}}\' | from_json).a.b }}', '5'],
    ["{{ 'not json' | from_json('bad') }}", 'bad'],
  ])('renders %j as %j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it.each<[string, string]>([
    ["{{ 'abc' | round }}", "round got invalid input 'abc' at 9"],
    ["{{ 'maybe' | bool }}", "bool got invalid input 'maybe' at 11"],
    ["{{ 'not json' | from_json }}", "from_json got invalid input 'not json' at 14"],
    ["{{ 'a' | abs }}", "bad operand type for abs(): 'str' at 7"],
    ['{{ 5 | length }}', "object of type 'int' has no len() at 5"],
    ['{{ 5 | list }}', "'int' object is not iterable at 5"],
    ["{{ [1, 'a'] | max }}", "'>' not supported between 'str' and 'int' at 12"],
    ["{{ 'x' | int(base='a') }}", 'base must be an integer at 7'],
    ["{{ 'x' | replace('a') }}", "filter 'replace' is missing argument 'new' at 7"],
    ["{{ 'x' | lower(1) }}", "filter 'lower' takes at most 0 argument(s) at 7"],
    ["{{ 'x' | default(nope=1) }}", "filter 'default' got an unexpected argument 'nope' at 7"],
    ["{{ 'x' | default(1, default_value=2) }}", "filter 'default' got two values for 'default_value' at 7"],
    ["{{ {'a': missing} | tojson }}", 'Object of type Undefined is not JSON serializable at 18'],
    ["{{ {'a': 1, 2: 'b'} | tojson }}", "'<' not supported between dict keys of different types at 20"],
  ])('fails %j with %j', (source, message) => {
    const error = renderError(source);
    expect(error.code).toBe('template_render');
    expect(error.message).toBe(message);
  });
});
