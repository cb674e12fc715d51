import { describe, expect, it } from 'vitest';
import { SimulatedPlug } from '../../../device-sim/devices/switch-with-power.ts';
import { systemSimClock } from '../../../device-sim/sim-clock.ts';
import { seededRandom } from '../manual-clock.ts';

function plug(initiallyOn = false): SimulatedPlug {
  return new SimulatedPlug(
    { name: 'plug', friendlyName: 'Plug', area: 'Kitchen', loadWatts: 100, initiallyOn },
    { clock: systemSimClock, random: seededRandom(7), pace: 1 },
  );
}

describe('SimulatedPlug', () => {
  it.each(['ON', 'on', '{"state":"ON"}', ' ON\n'])('turns on with %j and draws its load', (payload) => {
    const device = plug();
    expect(device.handleCommand(payload)).toEqual({ ok: true });
    expect(device.state).toEqual({ state: 'ON', power: 100 });
  });

  it('turns off with a bare OFF and reads about 0 W', () => {
    const device = plug(true);
    device.handleCommand('OFF');
    expect(device.state).toEqual({ state: 'OFF', power: 0 });
  });

  it('toggles', () => {
    const device = plug();
    device.handleCommand('TOGGLE');
    expect(device.state.state).toBe('ON');
  });

  it('rejects a state it does not know', () => {
    const device = plug();
    const result = device.handleCommand('{"state":"MAYBE"}');
    expect(result.ok).toBe(false);
    expect(device.state.state).toBe('OFF');
  });

  it('drifts its power reading around the load while on, within ±10%', () => {
    const device = plug(true);
    const readings: number[] = [];
    device.onState(() => readings.push(device.state.power));
    for (let second = 0; second <= 600; second++) device.tick(second * 1000);
    expect(readings.length).toBeGreaterThan(50);
    expect(new Set(readings).size).toBeGreaterThan(5);
    expect(Math.min(...readings)).toBeGreaterThanOrEqual(90);
    expect(Math.max(...readings)).toBeLessThanOrEqual(110);
  });

  it('stays at 0 W and silent while off', () => {
    const device = plug(false);
    let published = 0;
    device.onState(() => published++);
    for (let second = 0; second <= 120; second++) device.tick(second * 1000);
    expect(published).toBe(0);
  });

  it('announces a switch and a power sensor on the same state topic', () => {
    const [switchMessage, powerMessage] = plug().discoveryMessages();
    expect(switchMessage).toEqual({
      topic: 'homeassistant/switch/plug/switch/config',
      config: expect.objectContaining({
        state_topic: 'hearth/plug',
        value_template: '{{ value_json.state }}',
        command_topic: 'hearth/plug/set',
        payload_on: 'ON',
        payload_off: 'OFF',
        object_id: 'plug',
        availability_topic: 'hearth/plug/availability',
      }),
    });
    expect(powerMessage).toEqual({
      topic: 'homeassistant/sensor/plug/power/config',
      config: expect.objectContaining({
        device_class: 'power',
        unit_of_measurement: 'W',
        state_class: 'measurement',
        value_template: '{{ value_json.power }}',
        object_id: 'plug_power',
      }),
    });
  });
});
