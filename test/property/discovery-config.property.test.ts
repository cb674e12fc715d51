import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS } from '../../hub/discovery/abbreviations.ts';
import { COMPONENTS } from '../../hub/discovery/components/index.ts';
import { expandDiscoveryPayload } from '../../hub/discovery/expand-discovery-payload.ts';
import { startHarness } from '../hub/discovery/components/component-harness.ts';
import { checkStatesAsWritten } from './check-states.ts';
import { HOSTILE_NAMES, hostileJson, hostileKey, prototypePolluted } from './hostile-values.ts';
import { PROPERTY_RUNS, PROPERTY_TIMEOUT_MS } from './property-runs.ts';

const SHORT_KEYS = Object.keys(ABBREVIATIONS);
const LONG_KEYS = [...new Set(Object.values(ABBREVIATIONS))];
const COMPONENT_NAMES = [...COMPONENTS.keys()];

/** Values a config key may get: right types, wrong types, templates (some hostile), topics. */
const configValue = fc.oneof(
  hostileJson,
  fc.constantFrom(
    '{{ value_json.state }}',
    '{{ value_json.__proto__.polluted }}',
    "{{ value_json['constructor']['constructor']('return process')() }}",
    '{{ (value * 9999999) ~ (value * 9999999) }}',
    '{{ value | int | round(2) }}',
    '{% if value == "ON" %}on{% else %}off{% endif %}',
    `{{${'('.repeat(200)}`,
    'hearth/dev',
    '~/set',
    '~',
    'a/+/b',
    '#',
    '',
  ),
  fc.constantFrom(
    'default',
    'json',
    'template',
    'all',
    'any',
    'latest',
    'brightness',
    'hs',
    'rgb',
    'xy',
    'color_temp',
  ),
  fc.array(fc.constantFrom('onoff', 'brightness', 'hs', 'rgb', 'xy', 'color_temp', 'white', 'bogus'), {
    maxLength: 4,
  }),
);

/** A discovery config: keys of the table, abbreviated or not, hostile keys, a device block. */
const config = fc
  .record(
    {
      base: fc.dictionary(fc.oneof(fc.constantFrom(...SHORT_KEYS, ...LONG_KEYS), hostileKey), configValue, {
        maxKeys: 12,
      }),
      topics: fc.dictionary(
        fc.constantFrom('stat_t', 'cmd_t', 'avty_t', 'json_attr_t', 'state_topic'),
        fc.constantFrom('~', '~/set', 'hearth/x', 'x/~'),
        { maxKeys: 3 },
      ),
      tilde: fc.option(fc.constantFrom('hearth/dev', '', '~', 'a/#')),
      device: fc.option(
        fc.dictionary(
          fc.constantFrom('ids', 'identifiers', 'name', 'sa', 'via_device', 'cns', ...HOSTILE_NAMES),
          hostileJson,
          { maxKeys: 4 },
        ),
      ),
    },
    { requiredKeys: ['base', 'topics'] },
  )
  .map(({ base, topics, tilde, device }) => ({
    ...base,
    ...topics,
    ...(tilde == null ? {} : { '~': tilde }),
    ...(device == null ? {} : { dev: device }),
  }));

const id = fc.oneof(
  fc.constantFrom('lamp', 'x_1', '__proto__', 'constructor', 'prototype'),
  fc.string({ maxLength: 6 }),
);

const options = { numRuns: PROPERTY_RUNS };

describe('discovery configs, any of them', () => {
  it(
    'expand to their long form without throwing, with no prototype, and abbreviations round-trip',
    () => {
      const shortOf = new Map(Object.entries(ABBREVIATIONS).map(([short, long]) => [long, short]));
      fc.assert(
        fc.property(
          config,
          fc.uniqueArray(fc.constantFrom(...LONG_KEYS), { maxLength: 8 }),
          (json, longKeys) => {
            const expanded = expandDiscoveryPayload(json);
            expect(Object.getPrototypeOf(expanded)).toBeNull();
            // No abbreviation survives (a few, like `step`, abbreviate to themselves).
            for (const key of Object.keys(expanded))
              expect(Object.hasOwn(ABBREVIATIONS, key) && ABBREVIATIONS[key] !== key).toBe(false);
            // Round trip: a long-form config, abbreviated, expands back to itself.
            const long = Object.fromEntries(longKeys.map((key, index) => [key, `v${index}`]));
            const short = Object.fromEntries(
              Object.entries(long).map(([key, value]) => [shortOf.get(key) ?? key, value]),
            );
            expect({ ...expandDiscoveryPayload(short) }).toEqual(long);
            expect(prototypePolluted()).toBe(false);
          },
        ),
        options,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'become an entity or a warning, never an exception, and every state stays well formed',
    () => {
      const hub = startHarness();
      checkStatesAsWritten(hub.states);
      fc.assert(
        fc.property(
          fc.oneof(
            { weight: 5, arbitrary: fc.constantFrom(...COMPONENT_NAMES) },
            fc.constantFrom('device', 'alarm_control_panel', '__proto__', ''),
          ),
          fc.option(id),
          id,
          fc.oneof(
            { weight: 6, arbitrary: config.map((json) => JSON.stringify(json)) },
            fc
              .tuple(config, fc.dictionary(id, config, { maxKeys: 3 }))
              .map(([shared, cmps]) => JSON.stringify({ ...shared, cmps })),
            fc.constantFrom('', '[]', 'null', '"x"', '{', '{"cmps":1}'),
          ),
          (component, node, object, payload) => {
            const topic = [
              'homeassistant',
              component,
              ...(node === null ? [] : [node]),
              object,
              'config',
            ].join('/');
            hub.mqtt.deliver(topic, payload);
            expect(prototypePolluted()).toBe(false);
          },
        ),
        options,
      );
      // The pipeline still works after everything above.
      hub.mqtt.deliver(
        'homeassistant/switch/after/relay/config',
        JSON.stringify({ name: 'After', uniq_id: 'after-relay', stat_t: 'after/state', cmd_t: 'after/set' }),
      );
      hub.mqtt.deliver('after/state', 'ON');
      expect(hub.states.all().find((s) => s.attributes.friendly_name === 'After')?.state).toBe('on');
    },
    PROPERTY_TIMEOUT_MS,
  );
});
