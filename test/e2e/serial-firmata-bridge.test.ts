import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { spawnCli } from '../helpers/run-cli.ts';
import { callService, stateEvent, waitForEntity } from '../helpers/start-test-bridge.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

/**
 * Firmata end to end, as a user runs it from the README: `hearth sim --serial firmata` (an Uno
 * with StandardFirmata on a socat pty, which writes the bridge config with its pin map), then
 * `hearth bridge --config … --mqtt-url …` against a real hub. The sim prints every pin it drives.
 */
describe('an Arduino with StandardFirmata behind the bridge', () => {
  let dir: string;
  let hub: TestHub;
  let sim: RunningProcess;
  let bridge: RunningProcess;
  let client: HubClient;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-firmata-'));
    hub = await startTestHub();
    sim = spawnCli(['sim', '--serial', 'firmata', '--pty', path.join(dir, 'uno'), '--no-liveliness']);
    const [, ptyPath] = (await sim.waitForLine(/firmata MCU on (\S+)/)) as [string, string];
    const [, config] = (await sim.waitForLine(/--config (\S+)/)) as [string, string];
    expect(ptyPath).toBe(path.join(dir, 'uno'));
    expect(existsSync(config)).toBe(true);
    bridge = spawnCli(['bridge', '--config', config, '--mqtt-url', hub.mqttUrl]);
    await bridge.waitForLine(/^hearth bridge: /);
    client = await HubClient.connect(hub.wsUrl, hub.token);
    await client.command({ type: 'subscribe_events', event_type: 'state_changed' });
    await waitForEntity(client, 'switch.uno_relay', (s) => s.state === 'off');
  });

  afterAll(async () => {
    client?.close();
    await bridge?.stop();
    await sim?.stop();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps every pin to its entity, with the board named as configured', async () => {
    await waitForEntity(client, 'light.uno_led', (s) => s.state === 'off');
    await waitForEntity(client, 'light.uno_strip', (s) => s.state === 'off');
    // A0 reads 146 of 1023: a TMP36 at 21.4 °C, scaled by the config.
    const temperature = await waitForEntity(client, 'sensor.uno_temperature', (s) => s.state === '21.4');
    expect(temperature.attributes).toMatchObject({
      unit_of_measurement: '°C',
      friendly_name: 'Uno Temperature',
    });
    // The door contact on pin 2, pull-up on, reads high when closed… inverted: off.
    await waitForEntity(client, 'binary_sensor.uno_door', (s) => s.state === 'off');
  });

  it('switches the relay pin: call_service → digital write → pin state confirmed → state at the panel', async () => {
    const answer = await callService(client, 'switch', 'turn_on', 'switch.uno_relay');
    expect(answer).toMatchObject({ success: true });
    await sim.waitForLine(/firmata: pin 7 = 1/);
    await client.next(stateEvent('switch.uno_relay', (s) => s.state === 'on'));
  });

  it('dims the PWM strip to the brightness asked', async () => {
    const answer = await callService(client, 'light', 'turn_on', 'light.uno_strip', { brightness: 128 });
    expect(answer).toMatchObject({ success: true });
    await sim.waitForLine(/firmata: pin 9 PWM = 128/);
    const strip = await waitForEntity(client, 'light.uno_strip', (s) => s.state === 'on');
    expect(strip.attributes.brightness).toBe(128);
  });

  it('counts the Firmata messages it reads as good frames', async () => {
    const good = await waitForEntity(client, 'sensor.uno_frames_good', (s) => Number(s.state) > 0);
    expect(Number(good.state)).toBeGreaterThan(0);
    expect((await waitForEntity(client, 'sensor.uno_frames_bad', () => true)).state).toBe('0');
  });

  it('notices the cable pulled within 2 s and redoes the handshake when it is back', async () => {
    // The sim says which process is the cable (its socat); it opens a new pty at the same path.
    const [, socat] = (await sim.waitForLine(/pull the cable: kill (\d+)/)) as [string, string];
    const pulled = Date.now();
    process.kill(Number(socat), 'SIGTERM');
    await client.next(stateEvent('switch.uno_relay', (s) => s.state === 'unavailable'));
    expect(Date.now() - pulled).toBeLessThan(2000);
    // The board rebooted: its relay is off again, and the bridge reports what the board says.
    await waitForEntity(client, 'switch.uno_relay', (s) => s.state === 'off');
    expect(await callService(client, 'switch', 'turn_on', 'switch.uno_relay')).toMatchObject({
      success: true,
    });
  });
});
