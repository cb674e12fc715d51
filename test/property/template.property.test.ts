import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate, renderValueTemplate, TemplateError } from '../../hub/template/compile-template.ts';
import { TEMPLATE_LIMITS } from '../../hub/template/template-budget.ts';
import { HOSTILE_NAMES, hostileJson, hostilePayload, prototypePolluted } from './hostile-values.ts';
import { PROPERTY_RUNS, PROPERTY_TIMEOUT_MS } from './property-runs.ts';

const FILTERS = [
  'int',
  'float',
  'round',
  'abs',
  'bool',
  'lower',
  'upper',
  'capitalize',
  'title',
  'trim',
  'replace',
  'string',
  'default',
  'd',
  'join',
  'length',
  'count',
  'first',
  'last',
  'max',
  'min',
  'list',
  'tojson',
  'to_json',
  'from_json',
  'attr',
  'map',
  'select',
  'safe',
  'e',
];
const METHODS = [
  'split',
  'lower',
  'upper',
  'strip',
  'lstrip',
  'rstrip',
  'title',
  'capitalize',
  'join',
  'keys',
  'values',
  'items',
  'get',
  'format',
];
const TESTS = [
  'defined',
  'undefined',
  'none',
  'number',
  'string',
  'boolean',
  'mapping',
  'sequence',
  'iterable',
  'odd',
  'even',
  'divisibleby(3)',
  'eq(1)',
  'in([1])',
  'callable',
];
const OPERATORS = [
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
  '>',
  '<=',
  '>=',
  'and',
  'or',
  'in',
  'not in',
  'is',
];

const name = fc.constantFrom(
  'value',
  'value_json',
  'x',
  'none',
  'None',
  'true',
  'True',
  'loop',
  'self',
  'range',
  'namespace',
  'lipsum',
  'cycler',
  ...HOSTILE_NAMES,
);
const literal = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n)),
  fc.string({ maxLength: 8 }).map((s) => `'${s.replace(/[\\']/g, '')}'`),
  fc.constantFrom('9999999999999999999999', '1e308', '-0.0', "'%s'", "'{0}'", "'\\u0000'"),
);

/** Expressions of the Jinja subset, and its near misses: any nesting of names, operators, filters. */
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    literal,
    tie('expr').map((e) => `(${e})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(literal, tie('expr')).map(([k, v]) => `{${k}: ${v}}`),
    fc
      .tuple(tie('expr'), fc.constantFrom(...HOSTILE_NAMES, 'a', 'b', '0', ...METHODS))
      .map(([e, a]) => `${e}.${a}`),
    fc.tuple(tie('expr'), tie('expr')).map(([e, i]) => `${e}[${i}]`),
    fc.tuple(tie('expr'), fc.option(tie('expr'))).map(([e, a]) => `${e}(${a ?? ''})`),
    fc
      .tuple(tie('expr'), fc.constantFrom(...FILTERS), fc.option(tie('expr')))
      .map(([e, f, a]) => (a === null ? `${e} | ${f}` : `${e} | ${f}(${a})`)),
    fc.tuple(tie('expr'), fc.constantFrom(...TESTS)).map(([e, t]) => `${e} is ${t}`),
    fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((e) => `not ${e}`),
    tie('expr').map((e) => `-${e}`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, c, b]) => `${a} if ${c} else ${b}`),
  ),
})).expr;

/** Whole templates: text, outputs, `if` blocks, and unbalanced delimiters. */
const template = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      expression.map((e) => `{{ ${e} }}`),
      fc.tuple(expression, expression).map(([c, e]) => `{% if ${c} %}{{ ${e} }}{% else %}x{% endif %}`),
      fc.constantFrom(
        '{{',
        '}}',
        '{%',
        '%}',
        '{#',
        '#}',
        '{{-',
        '-}}',
        '{% for x in value %}',
        '{% set a = 1 %}',
      ),
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join(''));

/** Compiles and renders; returns the output or the TemplateError, and lets anything else through. */
function run(source: string, payload: string): string | TemplateError {
  try {
    return renderValueTemplate(compileTemplate(source), payload);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
}

const options = { numRuns: PROPERTY_RUNS };

describe('templates from devices, any of them', () => {
  it(
    'render to a bounded string or raise a TemplateError, and never reach a prototype',
    () => {
      fc.assert(
        fc.property(
          fc.oneof({ weight: 4, arbitrary: template }, fc.string({ unit: 'binary', maxLength: 80 })),
          hostilePayload,
          (source, payload) => {
            const result = run(source, payload);
            if (typeof result === 'string')
              expect(result.length).toBeLessThanOrEqual(TEMPLATE_LIMITS.outputLength);
            else expect(['template_syntax', 'template_render', 'template_limit']).toContain(result.code);
            expect(prototypePolluted()).toBe(false);
          },
        ),
        options,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'give back the payload unchanged through {{ value }}, and any JSON value through tojson',
    () => {
      const tojson = compileTemplate('{{ value_json | tojson }}');
      const identity = compileTemplate('{{ value }}');
      fc.assert(
        fc.property(hostileJson, fc.string({ unit: 'grapheme', maxLength: 40 }), (value, text) => {
          expect(renderValueTemplate(identity, text)).toBe(text);
          const payload = JSON.stringify(value);
          expect(JSON.parse(renderValueTemplate(tojson, payload))).toEqual(JSON.parse(payload));
        }),
        options,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
