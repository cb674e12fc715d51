import { afterEach, describe, expect, it } from 'vitest';
import {
  compileTemplate,
  renderValueTemplate,
  TemplateError,
} from '../../../hub/template/compile-template.ts';

/** What a hostile template got: its output, or the code of the TemplateError it raised. */
function attempt(source: string, payload: string, extra: Record<string, unknown> = {}): string {
  try {
    return `output:${renderValueTemplate(compileTemplate(source), payload, extra)}`;
  } catch (error) {
    if (error instanceof TemplateError) return `error:${error.code}`;
    throw error;
  }
}

const PAYLOAD = '{"a": {"b": 1}, "list": [1, 2], "text": "abc"}';

describe('template safety', () => {
  afterEach(() => {
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it.each<[string, string]>([
    ['{{ value_json.__proto__ }}', 'output:'],
    ['{{ value_json.constructor }}', 'output:'],
    ['{{ value_json["constructor"] }}', 'output:'],
    ['{{ value_json["constructor"]["constructor"] }}', 'error:template_render'],
    ['{{ value_json.a.__proto__ }}', 'output:'],
    ['{{ value_json.a.constructor.name }}', 'error:template_render'],
    ["{{ ''.constructor }}", 'output:'],
    ['{{ value.__class__ }}', 'output:'],
    ['{{ value.__class__.__mro__ }}', 'error:template_render'],
    ['{{ value.toString }}', 'output:'],
    ['{{ value_json.valueOf }}', 'output:'],
    ['{{ value_json.hasOwnProperty }}', 'output:'],
    ['{{ value_json.__defineGetter__ }}', 'output:'],
    ['{{ value_json.list.push }}', 'output:'],
    ['{{ value_json.list.constructor }}', 'output:'],
    ['{{ value_json.list["length"] }}', 'output:'],
    ['{{ value_json.list.length }}', 'output:'],
    ['{{ value.length }}', 'output:'],
    ['{{ [].constructor }}', 'output:'],
    ['{{ {}.constructor }}', 'output:'],
    ["{{ {'a': 1}.__proto__ }}", 'output:'],
    ['{{ (value_json | list).constructor }}', 'output:'],
    ['{{ value_json.items().constructor }}', 'output:'],
    ['{{ value.toString() }}', 'error:template_render'],
    ['{{ value.constructor("return process")() }}', 'error:template_syntax'],
    ['{{ value_json["constructor"]["constructor"]("return process")() }}', 'error:template_syntax'],
    ["{{ value_json.hasOwnProperty('a') }}", 'error:template_render'],
    ["{{ value_json.list.map('x') }}", 'error:template_render'],
    ['{{ value.valueOf() }}', 'error:template_render'],
    ["{{ value.__getattribute__('x') }}", 'error:template_render'],
    ['{{ process }}', 'output:'],
    ['{{ globalThis }}', 'output:'],
    ['{{ this }}', 'output:'],
    ["{{ require('fs') }}", 'error:template_syntax'],
    ['{{ range(10) }}', 'error:template_syntax'],
    ['{{ cycler.__init__.__globals__ }}', 'error:template_render'],
    ["{{ value | attr('constructor') }}", 'error:template_syntax'],
    ["{{ value | map('upper') }}", 'error:template_syntax'],
    ['{% for x in value %}{% endfor %}', 'error:template_syntax'],
    ["{% set x = 'y' %}", 'output:'],
    ["{% set __proto__ = {'polluted': 1} %}{{ __proto__.polluted }}", 'output:1'],
    ['{% set constructor = 1 %}{{ {}.polluted }}', 'output:'],
    ['{% set x %}y{% endset %}', 'error:template_syntax'],
    ['{% include "secrets" %}', 'error:template_syntax'],
  ])('keeps %j away from JS internals', (source, expected) => {
    expect(attempt(source, PAYLOAD)).toBe(expected);
  });

  it('treats a JSON __proto__ key as data and pollutes nothing', () => {
    const payload = '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}';
    expect(attempt('{{ value_json.__proto__.polluted }}', payload)).toBe('output:yes');
    expect(attempt('{{ value_json.constructor.prototype.polluted }}', payload)).toBe('output:yes');
    expect(attempt("{{ {'__proto__': {'polluted': 1}}.polluted }}", payload)).toBe('output:');
    expect(
      attempt('{{ (\'{"__proto__": {"polluted": 1}}\' | from_json).__proto__.polluted }}', payload),
    ).toBe('output:1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads functions, symbols and class instances that a caller passes in as undefined, without calling them', () => {
    let called = false;
    const fn = () => {
      called = true;
      return 'ran';
    };
    class Secret {
      toString() {
        called = true;
        return 'leaked';
      }
    }
    const variables = {
      fn,
      secret: new Secret(),
      symbol: Symbol('s'),
      big: 10n,
      date: new Date(0),
      list: [fn],
    };
    const source =
      '{{ fn }}|{{ secret }}|{{ symbol }}|{{ big }}|{{ date }}|{{ list[0] }}|{{ fn is defined }}';
    expect(compileTemplate(source).render(variables)).toBe('||||||False');
    expect(called).toBe(false);
  });

  it('does not run getters on the objects it reads', () => {
    let read = false;
    const variables = {
      get trap() {
        read = true;
        return 'x';
      },
    };
    expect(compileTemplate('{{ trap }}').render(variables)).toBe('');
    expect(read).toBe(false);
  });

  it('wraps an unexpected JS error into a TemplateError', () => {
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new TypeError('boom');
        },
        has() {
          throw new TypeError('boom');
        },
      },
    );
    const template = compileTemplate('{{ x }}');
    expect(() => template.render(hostile)).toThrowError(TemplateError);
    expect(() => template.render(hostile)).toThrowError(expect.objectContaining({ code: 'template_render' }));
  });

  it.each<[string, string]>([
    ["{{ value | replace('.*', '-') }}", 'a-b'],
    ["{{ value.split('.*') }}", "['a', 'b']"],
    ["{{ value.replace('(a+)+$', 'x') }}", 'a.*b'],
    ["{{ value.startswith('^a') }}", 'False'],
    ["{{ value | trim('.*') }}", 'a.*b'],
  ])('matches %j literally, never as a regular expression', (source, expected) => {
    expect(compileTemplate(source).render({ value: 'a.*b' })).toBe(expected);
  });

  it('never throws anything but a TemplateError for random token soup', () => {
    const pieces = [
      '{{',
      '}}',
      '{%',
      '%}',
      '{#',
      '#}',
      'if',
      'else',
      'endif',
      'value',
      'value_json',
      '.',
      'a',
      '[',
      ']',
      '(',
      ')',
      '{',
      '}',
      ',',
      ':',
      '0',
      '-1',
      '2.5',
      "'x'",
      '"y"',
      '|',
      'int',
      'round',
      'default',
      'join',
      'tojson',
      'split',
      'get',
      '+',
      '-',
      '*',
      '/',
      '//',
      '%',
      '**',
      '~',
      '==',
      '<',
      'in',
      'not',
      'and',
      'or',
      'is',
      'defined',
      'none',
      '=',
      '\\',
      '-}}',
      '{{-',
      'text',
    ];
    const random = seededRandom(1);
    for (let round = 0; round < 3000; round += 1) {
      const count = 1 + Math.floor(random() * 12);
      let source = random() < 0.5 ? '{{ ' : '';
      for (let index = 0; index < count; index += 1)
        source += `${pieces[Math.floor(random() * pieces.length)]} `;
      if (random() < 0.5) source += '}}';
      expectOnlyTemplateErrors(source);
    }
  });

  it('never throws anything but a TemplateError for random well-formed expressions', () => {
    const random = seededRandom(2);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const atoms = [
      'value',
      'value_json',
      'value_json.a',
      'value_json.list[1]',
      'missing',
      '0',
      '-1',
      '2.5',
      "'x'",
      "'a,b'",
      'none',
      'true',
      '[1, 2]',
      "{'a': 1, 2: 'b'}",
      '[]',
      '{}',
    ];
    const filters = [
      'int',
      'float(1)',
      'round(1)',
      'default(3)',
      "join(',')",
      'tojson',
      'string',
      'lower',
      'title',
      "replace('a', 'b')",
      'first',
      'last',
      'max',
      'list',
      'length',
      'abs',
      'bool(false)',
      'from_json(0)',
      'to_json',
    ];
    const methods = [
      "split(',')",
      'split()',
      'strip()',
      "startswith('a')",
      "replace('a', 'b')",
      "get('a')",
      'keys()',
      'items()',
    ];
    const operators = [
      '+',
      '-',
      '*',
      '/',
      '//',
      '%',
      '**',
      '~',
      '==',
      '!=',
      '<',
      '>=',
      'in',
      'not in',
      'and',
      'or',
    ];
    const expression = (depth: number): string => {
      if (depth === 0) return pick(atoms);
      const inner = () => expression(depth - 1);
      return pick([
        () => `${inner()} ${pick(operators)} ${inner()}`,
        () => `(${inner()}) | ${pick(filters)}`,
        () => `(${inner()}).${pick(methods)}`,
        () => `(${inner()})[${inner()}]`,
        () => `(${inner()})[${pick(['', '1', '-1'])}:${pick(['', '2'])}]`,
        () => `${inner()} if ${inner()} else ${inner()}`,
        () => `not ${inner()}`,
        () => `-(${inner()})`,
        () => `(${inner()}) is ${pick(['defined', 'not none', 'number', 'odd', 'in [1]'])}`,
        () => `[${inner()}, ${inner()}]`,
      ])();
    };
    for (let round = 0; round < 3000; round += 1) {
      expectOnlyTemplateErrors(`{{ ${expression(1 + Math.floor(random() * 3))} }}`);
    }
  });
});

function expectOnlyTemplateErrors(source: string): void {
  try {
    const output = renderValueTemplate(compileTemplate(source), PAYLOAD);
    expect(typeof output).toBe('string');
  } catch (error) {
    if (!(error instanceof TemplateError) || error.message.startsWith('internal error')) {
      throw new Error(`${JSON.stringify(source)} threw ${String(error)}`);
    }
  }
}

/** mulberry32: deterministic, so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
