import { describe, expect, it } from 'vitest';
import type { Harness } from './component-harness.ts';
import { startHarness } from './component-harness.ts';

// ESPHome's MQTT discovery of a restart button, abbreviated.
const espHomeRestart = {
  name: 'Restart',
  cmd_t: 'esp-ac/button/restart/command',
  dev_cla: 'restart',
  ent_cat: 'config',
  avty_t: 'esp-ac/status',
  uniq_id: 'ESPbuttonrestart',
  dev: { ids: ['a4cf12b3c4d7'], name: 'esp-ac', mf: 'espressif' },
};
const RESTART = 'button.esp_ac_restart';

// A Tasmota restart, written by hand: the command payload is Restart's argument.
const tasmotaRestart = {
  name: 'Plug Restart',
  uniq_id: 'tasmota_4F2A1C_restart',
  cmd_t: 'cmnd/tasmota_4F2A1C/Restart',
  pl_prs: 1,
  dev_cla: 'Restart',
};

function withButton(config: object): Harness {
  const hub = startHarness();
  hub.mqtt.deliver('homeassistant/button/test/config', { name: 'Test', ...config });
  hub.take();
  return hub;
}

describe('MQTT button', () => {
  it('builds an ESPHome restart button: unknown until pressed, with its device class', () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/button/esp-ac/restart/config', espHomeRestart);
    hub.mqtt.deliver('esp-ac/status', 'online');
    expect(hub.states.get(RESTART)).toMatchObject({
      state: 'unknown',
      attributes: { device_class: 'restart', friendly_name: 'esp-ac Restart' },
    });
  });

  it('publishes PRESS, is confirmed at once, and takes the press time as its state with the call context', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/button/esp-ac/restart/config', espHomeRestart);
    hub.mqtt.deliver('esp-ac/status', 'online');
    hub.take();
    const context = await hub.call('button', 'press', RESTART).done;
    expect(hub.take()).toEqual(['esp-ac/button/restart/command PRESS']);
    expect(hub.states.get(RESTART)).toMatchObject({ state: '2026-01-01T00:00:00+00:00', context });
  });

  it('writes the press time as Python isoformat does: microseconds only when not zero', async () => {
    const hub = withButton({ command_topic: 'b/set' });
    hub.clock.advance(1234);
    await hub.call('button', 'press', 'button.test').done;
    expect(hub.states.get('button.test')?.state).toBe('2026-01-01T00:00:01.234000+00:00');
  });

  it('sends payload_press as a string, a JSON number as Python prints it', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/button/4F2A1C/restart/config', tasmotaRestart);
    await hub.call('button', 'press', 'button.plug_restart').done;
    expect(hub.take()).toContain('cmnd/tasmota_4F2A1C/Restart 1');
    expect(hub.states.get('button.plug_restart')?.attributes.device_class).toBe('restart');
  });

  it('renders command_template with value, entity_id and name', async () => {
    const hub = withButton({
      command_topic: 'b/set',
      payload_press: 'ring',
      command_template: '{"action": "{{ value }}", "from": "{{ entity_id }}"}',
    });
    await hub.call('button', 'press', 'button.test').done;
    expect(hub.take()).toEqual(['b/set {"action": "ring", "from": "button.test"}']);
  });

  it('fails a press whose template fails to render, before the state changes and sending nothing', async () => {
    const hub = withButton({ command_topic: 'b/set', command_template: '{{ 1 / 0 }}' });
    await expect(hub.call('button', 'press', 'button.test').done).rejects.toMatchObject({
      code: 'home_assistant_error',
      message: 'button.test: command_template: division by zero at 5',
    });
    expect(hub.states.get('button.test')?.state).toBe('unknown');
    expect(hub.take()).toEqual([]);
  });

  it('refuses a config whose template does not compile', () => {
    const hub = withButton({ command_topic: 'b/set', command_template: '{{ value | nosuchfilter }}' });
    expect(hub.states.get('button.test')).toBeUndefined();
    expect(hub.warnings).toEqual([expect.stringContaining("unknown filter 'nosuchfilter'")]);
  });

  it('answers device_unavailable while the device is offline, sending nothing', async () => {
    const hub = startHarness();
    hub.mqtt.deliver('homeassistant/button/esp-ac/restart/config', espHomeRestart);
    hub.mqtt.deliver('esp-ac/status', 'offline');
    hub.take();
    await expect(hub.call('button', 'press', RESTART).done).rejects.toMatchObject({
      code: 'device_unavailable',
    });
    expect(hub.take()).toEqual([]);
  });

  it.each([
    [
      'a device class HA does not know',
      { command_topic: 'b/set', device_class: 'explode' },
      'config.device_class',
    ],
    ['no command topic', {}, 'config.command_topic'],
  ])('refuses a config with %s', (_name, config, message) => {
    const hub = withButton(config);
    expect(hub.states.get('button.test')).toBeUndefined();
    expect(hub.warnings).toEqual([expect.stringContaining(message)]);
  });

  it('refuses service data: button.press takes none', async () => {
    const hub = withButton({ command_topic: 'b/set' });
    await expect(hub.call('button', 'press', 'button.test', { force: true }).done).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining('force'),
    });
  });
});
