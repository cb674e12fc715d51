import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fnv1Hex } from '../../../device-sim/discovery-config.ts';
import type { SimulatedDevice } from '../../../device-sim/simulated-device.ts';
import { deviceOf, type Kind } from './every-kind.ts';

const chip = (device: SimulatedDevice) => fnv1Hex(device.name).slice(0, 6).toUpperCase();

/** The LWT keys every Tasmota config has. */
const lwt = (t: string) => ({ avty_t: `tele/${t}/LWT`, pl_avail: 'Online', pl_not_avail: 'Offline' });

/** [kind, id after the chip id, the whole config but uniq_id/dev, with `<chip>` in place of the id] */
const DISCOVERY: [Kind, string, string, Record<string, unknown>][] = [
  [
    'plug',
    'switch',
    'RL_1',
    {
      name: 'Plug',
      stat_t: 'tele/plug/STATE',
      ...lwt('plug'),
      cmd_t: 'cmnd/plug/POWER',
      pl_off: 'OFF',
      pl_on: 'ON',
      val_tpl: '{{value_json.POWER}}',
      obj_id: 'plug',
    },
  ],
  [
    'plug',
    'sensor',
    'ENERGY_Power',
    {
      name: 'Plug ENERGY Power',
      stat_t: 'tele/plug/SENSOR',
      ...lwt('plug'),
      unit_of_meas: 'W',
      dev_cla: 'power',
      frc_upd: true,
      val_tpl: "{{value_json['ENERGY']['Power']}}",
      obj_id: 'plug_energy_power',
    },
  ],
  [
    'plug',
    'sensor',
    'ENERGY_Total',
    {
      name: 'Plug ENERGY Total',
      stat_t: 'tele/plug/SENSOR',
      ...lwt('plug'),
      unit_of_meas: 'kWh',
      dev_cla: 'energy',
      stat_cla: 'total_increasing',
      frc_upd: true,
      val_tpl: "{{value_json['ENERGY']['Total']}}",
      obj_id: 'plug_energy_total',
    },
  ],
  [
    'dimmer',
    'light',
    'LI_1',
    {
      name: 'Dimmer',
      stat_t: 'tele/dimmer/STATE',
      ...lwt('dimmer'),
      cmd_t: 'cmnd/dimmer/POWER',
      pl_off: 'OFF',
      pl_on: 'ON',
      stat_val_tpl: '{{value_json.POWER}}',
      bri_cmd_t: 'cmnd/dimmer/Dimmer',
      bri_stat_t: 'tele/dimmer/STATE',
      bri_scl: 100,
      on_cmd_type: 'brightness',
      bri_val_tpl: '{{value_json.Dimmer}}',
      obj_id: 'dimmer',
    },
  ],
  [
    'bulb',
    'light',
    'LI_1',
    {
      name: 'Bulb',
      stat_t: 'tele/bulb/STATE',
      ...lwt('bulb'),
      cmd_t: 'cmnd/bulb/POWER',
      pl_off: 'OFF',
      pl_on: 'ON',
      stat_val_tpl: '{{value_json.POWER}}',
      bri_cmd_t: 'cmnd/bulb/Dimmer',
      bri_stat_t: 'tele/bulb/STATE',
      bri_scl: 100,
      on_cmd_type: 'brightness',
      bri_val_tpl: '{{value_json.Dimmer}}',
      hs_cmd_t: 'cmnd/bulb/HSBColor',
      hs_stat_t: 'tele/bulb/STATE',
      hs_val_tpl: "{{value_json.HSBColor.split(',')[0:2]|join(',')}}",
      fx_cmd_t: 'cmnd/bulb/Scheme',
      fx_stat_t: 'tele/bulb/STATE',
      fx_val_tpl: '{{value_json.Scheme}}',
      fx_list: ['0', '1', '2', '3', '4'],
      clr_temp_cmd_t: 'cmnd/bulb/CT',
      clr_temp_stat_t: 'tele/bulb/STATE',
      clr_temp_val_tpl: '{{value_json.CT}}',
      clrm_stat_t: 'tele/bulb/STATE',
      clrm_val_tpl: '{%if value_json.White%}color_temp{%else%}hs{%endif %}',
      obj_id: 'bulb',
    },
  ],
  [
    'climate-sensor',
    'sensor',
    'AM2301_Temperature',
    {
      name: 'Climate AM2301 Temperature',
      stat_t: 'tele/climate/SENSOR',
      ...lwt('climate'),
      unit_of_meas: '°C',
      dev_cla: 'temperature',
      frc_upd: true,
      val_tpl: "{{value_json['AM2301']['Temperature']}}",
      obj_id: 'climate_am2301_temperature',
    },
  ],
  [
    'door',
    'binary_sensor',
    'SW_1',
    {
      name: 'Door Switch1',
      stat_t: 'stat/door/SWITCH1',
      val_tpl: '{{value_json.STATE}}',
      frc_upd: true,
      pl_on: 'ON',
      pl_off: 'OFF',
      ...lwt('door'),
      obj_id: 'door_switch1',
    },
  ],
  [
    'venetian',
    'cover',
    'SHT_1',
    {
      name: 'Venetian',
      ...lwt('venetian'),
      cmd_t: 'cmnd/venetian/Backlog',
      pl_open: 'ShutterOpen1',
      pl_cls: 'ShutterClose1',
      pl_stop: 'ShutterStop1',
      opt: false,
      ret: false,
      qos: 1,
      pos_t: 'stat/venetian/SHUTTER1',
      pos_clsd: 0,
      pos_open: 100,
      set_pos_t: 'cmnd/venetian/ShutterPosition1',
      tilt_cmd_t: 'cmnd/venetian/ShutterTilt1',
      tilt_opnd_val: 100,
      tilt_clsd_val: 0,
      obj_id: 'venetian',
    },
  ],
];

/** [kind, command after `cmnd/<t>/`, payload, what the device's state then holds] */
const COMMANDS: [Kind, string, string, Record<string, unknown>][] = [
  ['plug', 'POWER', 'OFF', { state: 'OFF', power: 0 }],
  ['plug', 'Power', '0', { state: 'OFF' }],
  ['plug', 'power1', 'toggle', { state: 'OFF' }],
  ['plug', 'POWER', '', { state: 'ON' }],
  ['dimmer', 'Dimmer', '50', { state: 'ON', brightness: 128 }],
  ['dimmer', 'DIMMER', '0', { state: 'OFF' }],
  ['bulb', 'HSBColor', '120,50', { state: 'ON', color_mode: 'hs', color: { h: 120, s: 50 } }],
  ['bulb', 'HSBColor', '240,100,20', { color: { h: 240, s: 100 }, brightness: 51 }],
  ['bulb', 'CT', '250', { state: 'ON', color_mode: 'color_temp', color_temp: 250 }],
  ['bulb', 'Scheme', '2', { effect: '2' }],
  ['venetian', 'Backlog', 'ShutterClose1', { motor_state: 'closing' }],
  ['venetian', 'Backlog', 'ShutterStop1', { motor_state: 'stopped' }],
  ['venetian', 'ShutterPosition1', '25', { motor_state: 'closing' }],
  ['venetian', 'ShutterTilt1', '60', { tilt: 60 }],
  ['venetian', 'Backlog', 'ShutterTilt1 10; ShutterPosition1 100', { tilt: 10, motor_state: 'stopped' }],
];

const REFUSED: [Kind, string, string, RegExp][] = [
  ['plug', 'POWER', 'MAYBE', /POWER: unknown value/],
  ['dimmer', 'Dimmer', '150', /0\.\.100/],
  ['bulb', 'HSBColor', 'red', /h,s\[,b\]/],
  ['bulb', 'CT', '90', /153\.\.500/],
  ['plug', 'Upgrade', '1', /unknown command/],
];

describe('the Tasmota dialect', () => {
  it.each(DISCOVERY)(
    "announces a %s %s (%s) as Tasmota's SetOption19 discovery does",
    (kind, component, id, config) => {
      const device = deviceOf(kind, 'tasmota');
      const topic = `homeassistant/${component}/${chip(device)}_${id}/config`;
      const message = device.discoveryMessages().find((candidate) => candidate.topic === topic);
      expect(message?.config).toEqual({
        ...config,
        uniq_id: `${chip(device)}_${id}`,
        // Each entity carries the chip id only; the status sensor carries the whole device block.
        dev: { ids: [chip(device)] },
      });
    },
  );

  it('closes every announcement with the status sensor and the whole device block', () => {
    const device = deviceOf('plug', 'tasmota');
    const messages = device.discoveryMessages();
    expect(messages.at(-1)).toEqual({
      topic: `homeassistant/sensor/${chip(device)}_status/config`,
      config: {
        name: 'Plug status',
        stat_t: 'tele/plug/HASS_STATE',
        ...lwt('plug'),
        json_attr_t: 'tele/plug/HASS_STATE',
        unit_of_meas: '%',
        val_tpl: "{{value_json['RSSI']}}",
        ic: 'mdi:information-outline',
        uniq_id: `${chip(device)}_status`,
        dev: { ids: [chip(device)], name: 'Plug', mdl: device.model, sw: '14.3.0(tasmota)', mf: 'Tasmota' },
        obj_id: 'plug_status',
      },
    });
  });

  it.each<Kind>(['radiator', 'aircon', 'lock', 'fan', 'extras'])(
    'has no discovery for a %s: the device is refused',
    (kind) => {
      expect(() => deviceOf(kind, 'tasmota').wire).toThrow(/tasmota has no discovery for/);
    },
  );

  it.each(COMMANDS)('%s: cmnd/<t>/%s %j', (kind, command, payload, expected) => {
    const device = deviceOf(kind, 'tasmota');
    const parsed = device.wire.readCommand(`cmnd/${device.name}/${command}`, payload);
    if (parsed === undefined || !parsed.ok) throw new Error(`not read: ${JSON.stringify(parsed)}`);
    expect(device.apply(parsed.command)).toEqual({ ok: true });
    expect(device.state).toMatchObject(expected);
    device.stop();
  });

  it.each(REFUSED)('%s refuses cmnd/<t>/%s %j', (kind, command, payload, reason) => {
    const device = deviceOf(kind, 'tasmota');
    const result = device.wire.readCommand(`cmnd/${device.name}/${command}`, payload);
    expect(result?.ok).toBe(false);
    if (result !== undefined && !result.ok) expect(result.reason).toMatch(reason);
  });

  it('subscribes to cmnd/<t>/+, with the LWT as availability, and publishes its state on a birth', () => {
    const wire = deviceOf('plug', 'tasmota').wire;
    expect(wire.commandTopics).toEqual(['cmnd/plug/+']);
    expect(wire.availability).toEqual({ topic: 'tele/plug/LWT', online: 'Online', offline: 'Offline' });
    expect(wire.birth).toBe('state');
    expect(wire.readCommand('stat/plug/POWER', 'ON')).toBeUndefined();
  });

  describe('state messages (vi.useFakeTimers, for Time and Uptime)', () => {
    beforeEach(() => {
      vi.useFakeTimers({ now: Date.UTC(2025, 0, 1, 12, 0, 0) });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('answers a command on stat/RESULT and stat/POWER, then tele/STATE and tele/SENSOR', () => {
      const device = deviceOf('plug', 'tasmota');
      vi.advanceTimersByTime(65_000);
      device.handleCommand('OFF');
      expect(device.wire.stateMessages('command')).toEqual([
        { topic: 'stat/plug/RESULT', payload: '{"POWER":"OFF"}', retain: false },
        { topic: 'stat/plug/POWER', payload: 'OFF', retain: false },
        {
          topic: 'tele/plug/STATE',
          payload: JSON.stringify({
            Time: '2025-01-01T12:01:05',
            Uptime: '0T00:01:05',
            UptimeSec: 65,
            POWER: 'OFF',
            Wifi: { AP: 1, SSId: 'hearth', Channel: 6, Mode: '11n', RSSI: 90, Signal: -55, LinkCount: 1 },
          }),
          retain: false,
        },
        {
          topic: 'tele/plug/SENSOR',
          payload: '{"Time":"2025-01-01T12:01:05","ENERGY":{"Power":0,"Voltage":230,"Current":0,"Total":0}}',
          retain: false,
        },
      ]);
    });

    it('reports on its own on tele/ only, and adds HASS_STATE when it announces', () => {
      const device = deviceOf('plug', 'tasmota');
      const topics = (reason: 'report' | 'announce') =>
        device.wire.stateMessages(reason).map((message) => message.topic);
      expect(topics('report')).toEqual(['tele/plug/STATE', 'tele/plug/SENSOR']);
      expect(topics('announce')).toEqual(['tele/plug/STATE', 'tele/plug/SENSOR', 'tele/plug/HASS_STATE']);
    });

    it.each<[string, string, Record<string, unknown>]>([
      [
        'in colour',
        '{"state":"ON","brightness":255,"color":{"h":0,"s":100}}',
        {
          POWER: 'ON',
          Dimmer: 100,
          Color: '255,0,0,0,0',
          HSBColor: '0,100,100',
          White: 0,
          CT: 370,
          Channel: [100, 0, 0, 0, 0],
        },
      ],
      [
        'in white, cold',
        '{"state":"ON","brightness":128,"color_temp":153}',
        { Dimmer: 50, Color: '0,0,0,128,0', White: 50, CT: 153, Channel: [0, 0, 0, 50, 0] },
      ],
    ])('shows an RGBCCT bulb %s as Tasmota does', (_name, command, expected) => {
      const device = deviceOf('bulb', 'tasmota');
      device.handleCommand(command);
      const result = device.wire.stateMessages('command')[0];
      expect(result?.topic).toBe('stat/bulb/RESULT');
      expect(JSON.parse(result?.payload ?? '{}')).toMatchObject(expected);
    });

    it('shows a shutter on stat/RESULT and stat/SHUTTER1, with its direction while it moves', () => {
      const device = deviceOf('roller', 'tasmota');
      device.handleCommand('OPEN');
      expect(device.wire.stateMessages('command')).toEqual([
        {
          topic: 'stat/roller/RESULT',
          payload: '{"Shutter1":{"Position":40,"Direction":1,"Target":100,"Tilt":0}}',
          retain: false,
        },
        { topic: 'stat/roller/SHUTTER1', payload: '40', retain: false },
      ]);
      device.stop();
    });

    it('shows an input on stat/SWITCH1, ON for an open door', () => {
      const device = deviceOf(
        'door',
        'tasmota',
      ) as import('../../../device-sim/devices/door-contact.ts').SimulatedDoorContact;
      device.setOpen(true);
      expect(device.wire.stateMessages('report')).toEqual([
        { topic: 'stat/door/SWITCH1', payload: '{"STATE":"ON"}', retain: false },
      ]);
    });
  });
});
