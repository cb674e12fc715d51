import { describe, expect, it } from 'vitest';
import {
  compileTemplate,
  renderValueTemplate,
  TemplateError,
} from '../../../hub/template/compile-template.ts';
import { TEMPLATE_LIMITS, TemplateBudget } from '../../../hub/template/template-budget.ts';
import { renderNodes } from '../../../hub/template/template-evaluator.ts';
import { tokenize } from '../../../hub/template/template-lexer.ts';
import { parseTemplate } from '../../../hub/template/template-parser.ts';

function failure(run: () => unknown): TemplateError {
  try {
    run();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

function renderFailure(source: string, variables: Record<string, unknown> = {}): TemplateError {
  return failure(() => compileTemplate(source).render(variables));
}

const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);

describe('template limits', () => {
  it('compiles a template of 4096 characters and refuses one longer', () => {
    const fits = `{{ value }}${'x'.repeat(4096 - 11)}`;
    expect(compileTemplate(fits).render({ value: 'v' })).toHaveLength(4086);
    const error = failure(() => compileTemplate(`${fits}x`));
    expect(error).toMatchObject({ code: 'template_limit', message: 'template longer than 4096 characters' });
  });

  it('refuses a syntax tree deeper than 64 when compiling', () => {
    const error = failure(() => compileTemplate(`{{ ${'['.repeat(65)}${']'.repeat(65)} }}`));
    expect(error.code).toBe('template_limit');
  });

  it('stops output at 64 KiB', () => {
    const half = 'x'.repeat(40_000);
    expect(compileTemplate('{{ a }}').render({ a: half })).toHaveLength(40_000);
    const error = renderFailure('{{ a }}{{ a }}', { a: half });
    expect(error).toMatchObject({ code: 'template_limit', message: 'output longer than 65536 at 10' });
  });

  it('renders from a large payload when the output is small', () => {
    const payload = JSON.stringify({ big: 'y'.repeat(1_000_000), temperature: 21 });
    expect(renderValueTemplate(compileTemplate('{{ value_json.temperature }}'), payload)).toBe('21');
    const error = failure(() => renderValueTemplate(compileTemplate('{{ value }}'), payload));
    expect(error.code).toBe('template_limit');
  });

  it.each<[string, string]>([
    ["{{ 'x' * 70000 }}", 'string longer than 65536 at 7'],
    ['{{ [0] * 70000 }}', 'list longer than 65536 at 7'],
    ["{{ 70000 * 'x' }}", 'string longer than 65536 at 9'],
    ["{{ ('x' * 40000) + ('x' * 40000) }}", 'string longer than 65536 at 17'],
    ["{{ ('x' * 40000) ~ ('x' * 40000) }}", 'string longer than 65536 at 17'],
    ['{{ ([0] * 40000) + ([0] * 40000) }}', 'list longer than 65536 at 17'],
    ["{{ ('x' * 60000) | replace('x', 'xx') }}", 'replace result longer than 65536 at 17'],
    ["{{ ('x' * 60000).replace('x', 'xx') }}", 'replace result longer than 65536 at 17'],
    ["{{ ([1] * 60000) | join('xx') }}", 'join result longer than 65536 at 17'],
    ["{{ ','.join(['xx'] * 60000) }}", 'join result longer than 65536 at 7'],
    ['{{ ([1] * 60000) | tojson }}', 'JSON longer than 65536 at 17'],
    ['{{ ([1] * 60000) | string }}', 'string longer than 65536 at 17'],
    ['{{ ([1] * 60000) ~ 1 }}', 'string longer than 65536 at 17'],
    ['{{ 10 ** 400 }}', 'number too large at 6'],
    ['{{ (-10) ** 401 }}', 'number too large at 9'],
    ['{{ [[0] * 60000] * 60000 == [[0] * 60000] * 60000 }}', 'more than 1000000 element operations at 25'],
    ['{{ [0] * 60000 * 20 }}', 'list longer than 65536 at 15'],
  ])('refuses %j: %s', (source, message) => {
    const error = renderFailure(source);
    expect(error.code).toBe('template_limit');
    expect(error.message).toBe(message);
  });

  it('allows repetition up to the limit and sane powers', () => {
    expect(compileTemplate("{{ ('x' * 65536) | length }}").render({})).toBe('65536');
    expect(compileTemplate('{{ 2 ** 1000 > 1e300 }}').render({})).toBe('True');
  });

  it.each<[string, string]>([
    ['serializing', '{{ deep | tojson }}'],
    ['printing', '{{ deep }}'],
    ['comparing', '{{ deep == deep2 }}'],
  ])('refuses %s a value nested deeper than 64', (_, source) => {
    const error = renderFailure(source, { deep: nested(100), deep2: nested(100) });
    expect(error).toMatchObject({ code: 'template_limit' });
    expect(error.message).toMatch(/^value nested deeper than 64 at \d+$/);
  });

  it('handles a value nested within the limit', () => {
    expect(compileTemplate('{{ deep | tojson | length }}').render({ deep: nested(60) })).toBe('121');
  });

  it('stops after its step budget', () => {
    const nodes = parseTemplate(tokenize('{{ [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }}'));
    expect(renderNodes(nodes, '', {}, new TemplateBudget({ steps: 11 }))).toBe(
      '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]',
    );
    const error = failure(() => renderNodes(nodes, '', {}, new TemplateBudget({ steps: 10 })));
    expect(error).toMatchObject({ code: 'template_limit', message: 'more than 10 evaluation steps at 31' });
  });

  it('publishes its limits', () => {
    expect(TEMPLATE_LIMITS).toMatchObject({
      sourceLength: 4096,
      depth: 64,
      outputLength: 65_536,
      valueLength: 65_536,
      steps: 10_000,
    });
  });

  it('renders the worst of these hostile templates quickly', () => {
    const hostile = [
      '{{ [[0] * 60000] * 60000 == [[0] * 60000] * 60000 }}',
      "{{ ('x' * 65536).split() | length }}",
      "{{ ('ab' * 32768) | replace('', '') | length }}",
      "{{ ([('x' * 65536)] * 65536) | join('') }}",
      "{{ ('a' * 65536) in ('a' * 65536) }}",
      `{{ ${Array.from({ length: 60 }, () => "('x' * 65536)").join(' ~ ')} }}`,
    ];
    const started = performance.now();
    for (const source of hostile) {
      try {
        compileTemplate(source).render({});
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateError);
      }
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
