import { describe, expect, it } from 'vitest';
import {
  compileTemplate,
  renderValueTemplate,
  TemplateError,
} from '../../../hub/template/compile-template.ts';

function render(source: string, variables: Record<string, unknown> = {}): string {
  return compileTemplate(source).render(variables);
}

function renderError(source: string, variables: Record<string, unknown> = {}): TemplateError {
  try {
    render(source, variables);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('compileTemplate with Home Assistant device templates', () => {
  it.each<[string, string, string]>([
    ['{{ value_json.temperature }}', '{"temperature": 21.5}', '21.5'],
    ['{{ value_json["state"] }}', '{"state": "ON"}', 'ON'],
    ['{{ value_json.data[0].temp | float | round(1) }}', '{"data": [{"temp": "21.45"}]}', '21.4'],
    ["{{ 'ON' if value_json.state == 'on' else 'OFF' }}", '{"state": "on"}', 'ON'],
    ["{{ 'ON' if value_json.state == 'on' else 'OFF' }}", '{"state": "off"}', 'OFF'],
    ['{{ (value | int) * 2 }}', '21', '42'],
    ["{{ value.split(',')[1] }}", '12,34,56', '34'],
    [
      '{{ value_json.color | tojson }}',
      '{"color": {"r": 255, "g": 0, "b": 10}}',
      '{"b": 10, "g": 0, "r": 255}',
    ],
    ["{{ value_json.missing | default('n/a') }}", '{"temperature": 1}', 'n/a'],
    ['{{ value_json.humidity | round }}', '{"humidity": 55.5}', '56'],
    ['{{ value_json.battery | int }}', '{"battery": "87"}', '87'],
    ['{{ value_json.POWER }}', '{"POWER": "ON"}', 'ON'],
    ['{{ value_json.ENERGY.Power }}', '{"ENERGY": {"Power": 12.3}}', '12.3'],
    ['{{ value_json.contact }}', '{"contact": false}', 'False'],
    ["{{ 'ON' if value_json.contact else 'OFF' }}", '{"contact": true}', 'ON'],
    ['{{ value_json.state | lower }}', '{"state": "OPEN"}', 'open'],
    ['{{ value | float * 9 / 5 + 32 }}', '20', '68'],
    ['{{ (value_json.temperature * 10) | round / 10 }}', '{"temperature": 21.37}', '21.4'],
    ['{{ value_json.linkquality | default(0) }}', '{}', '0'],
    ["{{ value_json.update.state if value_json.update is defined else 'idle' }}", '{}', 'idle'],
    ["{{ value_json.action | default('') }}", '{"action": null}', 'None'],
    ['{{ value_json.brightness / 255 * 100 | round }}', '{"brightness": 255}', '100'],
    ['{{ value_json["sensor.1"].value }}', '{"sensor.1": {"value": 7}}', '7'],
    ['{{ value_json.readings[-1] }}', '{"readings": [1, 2, 3]}', '3'],
    ['{{ value_json.mac[:8] }}', '{"mac": "AA:BB:CC:DD:EE:FF"}', 'AA:BB:CC'],
    ['{{ value | trim }}', '  online \n', 'online'],
    ["{{ value == 'online' }}", 'online', 'True'],
    ["{{ {'0': 'off', '1': 'on'}[value] }}", '1', 'on'],
    ["{{ {0: 'off', 1: 'on'}[value | int] }}", '1', 'on'],
    ['{{ value_json.values | join(", ") }}', '{"values": [1, 2, 3]}', '1, 2, 3'],
    ['{{ value_json.values | max }}', '{"values": [4, 9, 2]}', '9'],
    ['{{ value_json.values | length }}', '{"values": [4, 9, 2]}', '3'],
    ['{{ value_json }}', '21', '21'],
    // Zigbee2MQTT's thermostat action_template, as it publishes it.
    [
      "{% set values = {None:None,'idle':'idle','heat':'heating','cool':'cooling','fan_only':'fan'} %}{{ values[value_json.running_state] }}",
      '{"running_state": "heat"}',
      'heating',
    ],
    [
      '{% set t = value_json.t %}{% if t > 20 %}warm {{ t }}{% else %}cold{% endif %}',
      '{"t": 22}',
      'warm 22',
    ],
    ["{% if value %}{% set x = 'a' %}{% else %}{% set x = 'b' %}{% endif %}{{ x }}", '1', 'a'],
    ["{% set value = 'shadowed' %}{{ value }}", '1', 'shadowed'],
  ])('renders %j of %j as %j', (source, payload, expected) => {
    expect(renderValueTemplate(compileTemplate(source), payload)).toBe(expected);
  });

  it('renders a command template with extra variables', () => {
    const template = compileTemplate('{"state": "{{ value }}", "brightness": {{ brightness }}}');
    expect(renderValueTemplate(template, 'ON', { brightness: 128 })).toBe(
      '{"state": "ON", "brightness": 128}',
    );
  });

  it('lets value and value_json win over extras of the same name, as Home Assistant does', () => {
    const template = compileTemplate('{{ value }} {{ value_json.a }} {{ entity_id }}');
    expect(
      renderValueTemplate(template, '{"a": 1}', { value: 'x', value_json: {}, entity_id: 'sensor.t' }),
    ).toBe('{"a": 1} 1 sensor.t');
  });

  it('leaves value_json undefined when the payload is not JSON', () => {
    const template = compileTemplate("{{ value_json is defined }} {{ value_json | default('raw') }}");
    expect(renderValueTemplate(template, 'not json')).toBe('False raw');
  });

  it('fails, naming the expression, when a path goes through a missing key', () => {
    const error = (() => {
      try {
        renderValueTemplate(compileTemplate('{{ value_json.a.b }}'), '{}');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({
      code: 'template_render',
      position: 3,
      message: "'value_json.a' is undefined at 3",
    });
  });

  it('keeps its source and renders again and again', () => {
    const template = compileTemplate('{{ value | int + 1 }}');
    expect(template.source).toBe('{{ value | int + 1 }}');
    expect(['1', '2', '3'].map((payload) => renderValueTemplate(template, payload))).toEqual(['2', '3', '4']);
  });
});

describe('compileTemplate expressions', () => {
  it.each<[string, string]>([
    ['{{ 1 + 2 * 3 }}', '7'],
    ['{{ (1 + 2) * 3 }}', '9'],
    ['{{ 7 / 2 }}', '3.5'],
    ['{{ 7 // 2 }}', '3'],
    ['{{ -7 // 2 }}', '-4'],
    ['{{ 7 % 3 }}', '1'],
    ['{{ -7 % 3 }}', '2'],
    ['{{ 7 % -3 }}', '-2'],
    ['{{ 2 ** 10 }}', '1024'],
    ['{{ -2 ** 2 }}', '4'],
    ['{{ 2 ** 3 ** 2 }}', '64'],
    ['{{ 2 ** -1 }}', '0.5'],
    ['{{ -(3) }}', '-3'],
    ['{{ true + 1 }}', '2'],
    ["{{ 'a' + 'b' }}", 'ab'],
    ['{{ [1] + [2] }}', '[1, 2]'],
    ["{{ 'ab' * 3 }}", 'ababab'],
    ["{{ 3 * 'x' }}", 'xxx'],
    ['{{ [0] * 3 }}', '[0, 0, 0]'],
    ["{{ 'x' * -1 }}", ''],
    ["{{ 'a' ~ 1 ~ none ~ missing ~ true }}", 'a1NoneTrue'],
    ['{{ 1 == 1.0 }}', 'True'],
    ['{{ 1 == true }}', 'True'],
    ["{{ 1 == '1' }}", 'False'],
    ['{{ [1, [2]] == [1, [2]] }}', 'True'],
    ["{{ {'a': 1} == {'a': 1} }}", 'True'],
    ['{{ missing == missing }}', 'True'],
    ['{{ missing == none }}', 'False'],
    ['{{ 1 != 2 }}', 'True'],
    ['{{ 1 < 2 < 3 }}', 'True'],
    ['{{ 3 > 2 > 2 }}', 'False'],
    ["{{ 'abc' < 'abd' }}", 'True'],
    ['{{ [1, 2] < [1, 3] }}', 'True'],
    ["{{ 'b' in 'abc' }}", 'True'],
    ['{{ 2 in [1, 2] }}', 'True'],
    ["{{ 'a' in {'a': 1} }}", 'True'],
    ["{{ 'z' not in 'abc' }}", 'True'],
    ['{{ 1 in missing }}', 'False'],
    ['{{ not true }}', 'False'],
    ['{{ not 0 }}', 'True'],
    ['{{ 1 and 2 }}', '2'],
    ['{{ 0 and 2 }}', '0'],
    ["{{ 0 or 'x' }}", 'x'],
    ["{{ '' or [] }}", '[]'],
    ["{{ 'y' if 0 }}", ''],
    ["{{ 'a' if 1 else 'b' }}", 'a'],
    ['{{ missing is defined }}', 'False'],
    ['{{ missing is not defined }}', 'True'],
    ['{{ missing is undefined }}', 'True'],
    ['{{ none is none }}', 'True'],
    ['{{ 0 is none }}', 'False'],
    ['{{ 1.5 is number }}', 'True'],
    ["{{ '1' is number }}", 'False'],
    ["{{ 'x' is string }}", 'True'],
    ['{{ 3 is odd }}', 'True'],
    ['{{ 4 is even }}', 'True'],
    ['{{ 6 is divisibleby 3 }}', 'True'],
    ['{{ {} is mapping }}', 'True'],
    ['{{ true is boolean }}', 'True'],
    ['{{ 1 is in [1, 2] }}', 'True'],
    ["{{ 'abcdef'[1:3] }}", 'bc'],
    ["{{ 'abcdef'[-2:] }}", 'ef'],
    ["{{ 'abcdef'[::2] }}", 'ace'],
    ["{{ 'abcdef'[::-1] }}", 'fedcba'],
    ['{{ [1, 2, 3, 4][1:-1] }}', '[2, 3]'],
    ['{{ [1, 2, 3][5] }}', ''],
    ["{{ 'abc'[-1] }}", 'c'],
    ['{{ [1, 2, 3].1 }}', '2'],
    ["{{ '😀ab'[0] }}", '😀'],
    ["{{ 'a' 'b' }}", 'ab'],
    ['{{ 1_000 + 1e3 }}', '2000'],
  ])('renders %j as %j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it.each<[string, string]>([
    ['{{ true }}|{{ false }}|{{ none }}', 'True|False|None'],
    ['{{ missing }}', ''],
    ["{{ [1, 'a', none, true, 2.5] }}", "[1, 'a', None, True, 2.5]"],
    ["{{ {'a': [1, {'b': none}]} }}", "{'a': [1, {'b': None}]}"],
    ["{{ [\"it's\", 'say \"hi\"', 'both \\' \"'] }}", `["it's", 'say "hi"', 'both \\' "']`],
    ["{{ ['a\\nb'] }}", "['a\\nb']"],
    ['{{ [missing] }}', '[Undefined]'],
    ["{{ 'nan' | float }} {{ 'inf' | float }} {{ '-inf' | float }}", 'nan inf -inf'],
    ['{{ 0.1 + 0.2 }}', '0.30000000000000004'],
    ['{{ 10 / 4 }}', '2.5'],
  ])('prints %j the way Python does', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['{% if value == "a" %}A{% elif value == "b" %}B{% else %}C{% endif %}', { value: 'b' }, 'B'],
    ['{% if value == "a" %}A{% elif value == "b" %}B{% else %}C{% endif %}', { value: 'z' }, 'C'],
    ['{% if value %}yes{% endif %}', { value: '' }, ''],
    ['{% if a %}{% if b %}ab{% else %}a{% endif %}{% endif %}', { a: 1, b: 0 }, 'a'],
    ['  {{- value -}}  ', { value: 'v' }, 'v'],
    ['a {%- if true -%} b {%- endif -%} c', {}, 'abc'],
    ['x{# a comment #}y', {}, 'xy'],
    ['{{ value }}\n', { value: 'v' }, 'v'],
  ])('renders the statements in %j', (source, variables, expected) => {
    expect(render(source, variables)).toBe(expected);
  });

  it('skips branches not taken, so a failing expression there does no harm', () => {
    expect(render('{% if false %}{{ 1 / 0 }}{% endif %}ok')).toBe('ok');
    expect(render("{{ 1 / 0 if false else 'ok' }}")).toBe('ok');
    expect(render('{{ false and missing.x }}{{ true or missing.x }}')).toBe('FalseTrue');
  });

  it.each<[string, string]>([
    ['{{ 1 / 0 }}', 'division by zero at 5'],
    ['{{ 1 // 0 }}', 'division by zero at 5'],
    ['{{ 1 % 0 }}', 'division by zero at 5'],
    ['{{ 0 ** -1 }}', 'division by zero at 5'],
    ['{{ x / (y - y) }}', 'division by zero at 5'],
    ['{{ missing.x }}', "'missing' is undefined at 3"],
    ['{{ missing["x"] }}', "'missing' is undefined at 3"],
    ['{{ missing + 1 }}', "'missing' is undefined at 3"],
    ['{{ 1 + missing }}', "'missing' is undefined at 7"],
    ['{{ -missing }}', "'missing' is undefined at 4"],
    ['{{ missing < 1 }}', "'missing' is undefined at 3"],
    ['{{ missing | int }}', "'missing' is undefined at 3"],
    ['{{ missing | tojson }}', "'missing' is undefined at 3"],
    ['{{ missing.split() }}', "'missing' is undefined at 3"],
    ["{{ 'a' + 1 }}", "unsupported operand types for +: 'str' and 'int' at 7"],
    ["{{ 'a' - 'b' }}", "unsupported operand types for -: 'str' and 'str' at 7"],
    ['{{ [1] * 1.5 }}', "unsupported operand types for *: 'list' and 'float' at 7"],
    ["{{ 1 < 'a' }}", "'<' not supported between 'int' and 'str' at 5"],
    ["{{ -'a' }}", "bad operand type for unary -: 'str' at 3"],
    ['{{ 1 in 2 }}', "argument of type 'int' is not iterable at 5"],
    ["{{ 1 in 'abc' }}", "'in <string>' requires a string, not 'int' at 5"],
    ["{{ 'abc'[::0] }}", 'slice step cannot be zero at 8'],
    ['{{ {[1]: 2} }}', "unhashable dict key of type 'list' at 4"],
    ["{{ 'a' is odd }}", "test 'odd' needs a number at 7"],
    ['x{% if missing.a %}{% endif %}', "'missing' is undefined at 7"],
  ])('fails to render %j with %j', (source, message) => {
    const error = renderError(source, { x: 1, y: 2 });
    expect(error.code).toBe('template_render');
    expect(error.message).toBe(message);
  });

  it('reports syntax errors at compile time', () => {
    expect(() => compileTemplate('{{ value | }}')).toThrowError(
      expect.objectContaining({ code: 'template_syntax', position: 11 }),
    );
  });
});
