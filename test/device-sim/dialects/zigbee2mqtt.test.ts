import { describe, expect, it } from 'vitest';
import type { SimulatedDevice } from '../../../device-sim/simulated-device.ts';
import { deviceOf, type Kind } from './every-kind.ts';

const Z2M_CLIMATE_ACTION =
  "{% set values = {None:None,'idle':'idle','heat':'heating','cool':'cooling','fan_only':'fan'} %}" +
  '{{ values[value_json.running_state] }}';
const Z2M_COVER_STATE =
  '{% if "motor_state" in value_json and value_json.motor_state %} {{ value_json.motor_state }} ' +
  '{% else %} stopped {% endif %}';

/** What every Zigbee2MQTT config of `device` carries besides its own keys. */
function common(device: SimulatedDevice, key: string): Record<string, unknown> {
  return {
    unique_id: `hearth-sim-${device.name}-${key}`,
    device: {
      identifiers: [`hearth-sim-${device.name}`],
      name: device.friendlyName,
      manufacturer: 'hearth',
      model: device.model,
      sw_version: '0.1.0',
      suggested_area: 'Den',
    },
    origin: { name: 'hearth-sim' },
    ...(device.availabilityForm === 'topic'
      ? { availability_topic: `hearth/${device.name}/availability` }
      : { availability: [{ topic: `hearth/${device.name}/availability` }] }),
  };
}

/** [component, key, the config's own keys] */
type Expected = [string, string, Record<string, unknown>];

const TABLE: [Kind, Expected[]][] = [
  [
    'dimmer',
    [
      [
        'light',
        'light',
        {
          name: null,
          object_id: 'dimmer',
          schema: 'json',
          state_topic: 'hearth/dimmer',
          command_topic: 'hearth/dimmer/set',
          brightness: true,
          brightness_scale: 255,
          supported_color_modes: ['brightness'],
        },
      ],
    ],
  ],
  [
    'bulb',
    [
      [
        'light',
        'light',
        {
          name: null,
          object_id: 'bulb',
          schema: 'json',
          state_topic: 'hearth/bulb',
          command_topic: 'hearth/bulb/set',
          brightness: true,
          brightness_scale: 255,
          supported_color_modes: ['color_temp', 'hs'],
          min_mireds: 153,
          max_mireds: 500,
          effect: true,
          effect_list: ['0', '1', '2', '3', '4'],
        },
      ],
    ],
  ],
  [
    'plug',
    [
      [
        'switch',
        'switch',
        {
          name: null,
          object_id: 'plug',
          state_topic: 'hearth/plug',
          value_template: '{{ value_json.state }}',
          command_topic: 'hearth/plug/set',
          payload_on: 'ON',
          payload_off: 'OFF',
        },
      ],
      ...(
        [
          ['power', 'Power', 'power', 'W', 'measurement'],
          ['voltage', 'Voltage', 'voltage', 'V', 'measurement'],
          ['current', 'Current', 'current', 'A', 'measurement'],
          ['energy', 'Energy', 'energy', 'kWh', 'total_increasing'],
        ] as const
      ).map(
        ([key, name, deviceClass, unit, stateClass]): Expected => [
          'sensor',
          key,
          {
            name,
            object_id: `plug_${key}`,
            state_topic: 'hearth/plug',
            value_template: `{{ value_json.${key} }}`,
            device_class: deviceClass,
            unit_of_measurement: unit,
            state_class: stateClass,
          },
        ],
      ),
    ],
  ],
  [
    'door',
    [
      [
        'binary_sensor',
        'contact',
        {
          name: null,
          object_id: 'door',
          state_topic: 'hearth/door',
          value_template: "{{ 'OFF' if value_json.contact else 'ON' }}",
          payload_on: 'ON',
          payload_off: 'OFF',
          device_class: 'door',
        },
      ],
    ],
  ],
  [
    'radiator',
    [
      [
        'climate',
        'climate',
        {
          name: null,
          object_id: 'radiator',
          temperature_unit: 'C',
          temp_step: 0.5,
          min_temp: '5',
          max_temp: '30',
          current_temperature_topic: 'hearth/radiator',
          current_temperature_template: '{{ value_json.local_temperature }}',
          mode_state_topic: 'hearth/radiator',
          mode_state_template: '{{ value_json.system_mode }}',
          modes: ['off', 'heat', 'auto'],
          mode_command_topic: 'hearth/radiator/set/system_mode',
          action_topic: 'hearth/radiator',
          action_template: Z2M_CLIMATE_ACTION,
          temperature_command_topic: 'hearth/radiator/set/current_heating_setpoint',
          temperature_state_template: '{{ value_json.current_heating_setpoint }}',
          temperature_state_topic: 'hearth/radiator',
          preset_modes: ['eco', 'comfort', 'boost'],
          preset_mode_command_topic: 'hearth/radiator/set/preset',
          preset_mode_value_template: '{{ value_json.preset }}',
          preset_mode_state_topic: 'hearth/radiator',
        },
      ],
    ],
  ],
  [
    'venetian',
    [
      [
        'cover',
        'cover',
        {
          name: null,
          object_id: 'venetian',
          command_topic: 'hearth/venetian/set',
          state_topic: 'hearth/venetian',
          state_opening: 'opening',
          state_closing: 'closing',
          state_stopped: 'stopped',
          value_template: Z2M_COVER_STATE,
          position_template: '{{ value_json.position }}',
          set_position_template: '{ "position": {{ position }} }',
          set_position_topic: 'hearth/venetian/set',
          position_topic: 'hearth/venetian',
          tilt_command_topic: 'hearth/venetian/set/tilt',
          tilt_status_topic: 'hearth/venetian',
          tilt_status_template: '{{ value_json.tilt }}',
        },
      ],
    ],
  ],
  [
    'lock',
    [
      [
        'lock',
        'lock',
        {
          name: 'Lock',
          object_id: 'lock_lock',
          command_topic: 'hearth/lock/set',
          value_template: '{{ value_json.state }}',
          state_locked: 'LOCK',
          state_unlocked: 'UNLOCK',
          state_topic: 'hearth/lock',
        },
      ],
      [
        'sensor',
        'lock_state',
        {
          name: 'Lock state',
          object_id: 'lock_lock_state',
          state_topic: 'hearth/lock',
          value_template: '{{ value_json.lock_state }}',
          enabled_by_default: true,
        },
      ],
    ],
  ],
  [
    'fan',
    [
      [
        'fan',
        'fan',
        {
          name: 'Ceiling Fan',
          object_id: 'fan_fan',
          state_topic: 'hearth/fan',
          state_value_template: '{{ value_json.fan_state }}',
          command_topic: 'hearth/fan/set/fan_state',
          percentage_state_topic: 'hearth/fan',
          percentage_command_topic: 'hearth/fan/set/fan_mode',
          percentage_value_template:
            "{{ {'off':0, 'low':1, 'medium':2, 'high':3}[value_json.fan_mode] | default('None') }}",
          percentage_command_template: "{{ {0:'off', 1:'low', 2:'medium', 3:'high'}[value] | default('') }}",
          speed_range_min: 1,
          speed_range_max: 3,
          preset_mode_state_topic: 'hearth/fan',
          preset_mode_command_topic: 'hearth/fan/set/fan_mode',
          preset_mode_value_template:
            "{{ value_json.fan_mode if value_json.fan_mode in ['auto'] else 'None' | default('None') }}",
          preset_modes: ['auto'],
        },
      ],
    ],
  ],
  [
    'extras',
    [
      [
        'light',
        'light',
        {
          name: null,
          object_id: 'extras',
          schema: 'json',
          state_topic: 'hearth/extras',
          command_topic: 'hearth/extras/set',
          brightness: true,
          brightness_scale: 255,
          supported_color_modes: ['brightness'],
        },
      ],
      [
        'number',
        'min_brightness',
        {
          name: 'Min brightness',
          object_id: 'extras_min_brightness',
          state_topic: 'hearth/extras',
          value_template: '{{ value_json.min_brightness }}',
          command_topic: 'hearth/extras/set/min_brightness',
          unit_of_measurement: '%',
          step: 1,
          min: 1,
          max: 100,
          entity_category: 'config',
        },
      ],
      [
        'select',
        'power_on_behavior',
        {
          name: 'Power-on behavior',
          object_id: 'extras_power_on_behavior',
          value_template: '{{ value_json.power_on_behavior }}',
          state_topic: 'hearth/extras',
          command_topic: 'hearth/extras/set/power_on_behavior',
          options: ['off', 'on', 'previous'],
          enabled_by_default: true,
        },
      ],
      [
        'button',
        'identify',
        {
          name: 'Identify',
          object_id: 'extras_identify',
          command_topic: 'hearth/extras/set/identify',
          payload_press: 'identify',
          device_class: 'identify',
        },
      ],
    ],
  ],
];

describe('the Zigbee2MQTT dialect', () => {
  it.each(TABLE)('announces a %s as Zigbee2MQTT does', (kind, expected) => {
    const device = deviceOf(kind, 'zigbee2mqtt');
    expect(device.discoveryMessages()).toEqual(
      expected.map(([component, key, config]) => ({
        topic: `homeassistant/${component}/${device.name}/${key}/config`,
        config: { ...config, ...common(device, key) },
      })),
    );
  });

  it.each<[string, string, Record<string, unknown> | RegExp]>([
    ['hearth/radiator/set', '{"system_mode":"off"}', { system_mode: 'off' }],
    ['hearth/radiator/set', 'ON', { state: 'ON' }],
    ['hearth/radiator/set/system_mode', 'heat', { system_mode: 'heat' }],
    ['hearth/radiator/set/current_heating_setpoint', '21.5', { current_heating_setpoint: 21.5 }],
    ['hearth/radiator/set/preset', 'eco', { preset: 'eco' }],
    ['hearth/radiator/set/tilt', '30', { tilt: 30 }],
    ['hearth/radiator/set/color', '{"h":20,"s":50}', { color: { h: 20, s: 50 } }],
    ['hearth/radiator/set/__proto__', 'x', /no attribute/],
    ['hearth/radiator/set/Bad-Name', 'x', /no attribute/],
    ['hearth/radiator/set/preset', '  ', /empty/],
    ['hearth/radiator/set', '{"preset":', /not JSON/],
  ])('reads %s %j', (topic, payload, expected) => {
    const result = deviceOf('radiator', 'zigbee2mqtt').wire.readCommand(topic, payload);
    if (expected instanceof RegExp) {
      expect(result?.ok).toBe(false);
      if (result !== undefined && !result.ok) expect(result.reason).toMatch(expected);
    } else {
      expect(result).toEqual({ ok: true, command: expected });
    }
  });

  it('leaves topics that are not its own', () => {
    expect(deviceOf('radiator', 'zigbee2mqtt').wire.readCommand('hearth/other/set', 'ON')).toBeUndefined();
  });

  it('subscribes to /set and /set/+, and reports the whole state with its settings on one topic', () => {
    const device = deviceOf('extras', 'zigbee2mqtt');
    expect(device.wire.commandTopics).toEqual(['hearth/extras/set', 'hearth/extras/set/+']);
    expect(device.wire.birth).toBe('announce');
    expect(device.wire.stateMessages('command')).toEqual([
      {
        topic: 'hearth/extras',
        payload: '{"state":"OFF","brightness":200,"min_brightness":5,"power_on_behavior":"previous"}',
        retain: false,
      },
    ]);
  });

  it('goes from a /set/<attribute> command to the state, through the device', () => {
    const device = deviceOf('radiator', 'zigbee2mqtt');
    const parsed = device.wire.readCommand('hearth/radiator/set/current_heating_setpoint', '23');
    if (parsed === undefined || !parsed.ok) throw new Error('not read');
    expect(device.apply(parsed.command)).toEqual({ ok: true });
    expect(JSON.parse(device.wire.stateMessages('command')[0]?.payload ?? '{}')).toMatchObject({
      current_heating_setpoint: 23,
      preset: 'none',
    });
  });
});
