import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonLinesMcu } from '../../device-sim/serial/jsonl-mcu.ts';
import { openPty, type PtyEnd } from '../../device-sim/serial/pty.ts';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { callService, startTestBridge, stateEvent, waitForEntity } from '../helpers/start-test-bridge.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

/**
 * The JSON-lines protocol end to end: an emulated MCU on a real socat pty, the real bridge
 * process, the real hub, and a WebSocket client standing in for the panel.
 */
describe('a JSON-lines MCU behind the bridge', () => {
  let dir: string;
  let hub: TestHub;
  let bridge: RunningProcess;
  let client: HubClient;
  let pty: PtyEnd;
  const mcu = new JsonLinesMcu({ name: 'Workbench' });
  const available = (s: { state: string }) => s.state !== 'unavailable';
  const framesBad = async () =>
    Number((await waitForEntity(client, 'sensor.bench_frames_bad', available)).state);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-serial-'));
    // Commands wait 3 s for the MCU: the bridge gives up on an ack after 2 × 300 ms.
    hub = await startTestHub({ env: { HEARTH_COMMAND_TIMEOUT_MS: '3000' } });
    pty = await openPty(path.join(dir, 'bench'));
    mcu.attach(pty);
    bridge = await startTestBridge(path.join(dir, 'bridge.json'), {
      id: 'testbridge',
      name: 'Test bridge',
      mqttUrl: hub.mqttUrl,
      diagnosticsIntervalMs: 100,
      ports: [
        // Generous acknowledgement bounds: the emulated MCU shares 2 busy cores with the whole suite.
        { path: pty.path, protocol: 'jsonl', id: 'bench', ackTimeoutMs: 1000, retries: 2 },
        // Plugged in only by the last test.
        { path: path.join(dir, 'later'), protocol: 'jsonl', id: 'later' },
      ],
    });
    client = await HubClient.connect(hub.wsUrl, hub.token);
    await client.command({ type: 'subscribe_events', event_type: 'state_changed' });
    await waitForEntity(client, 'switch.bench_relay', (s) => s.state === 'off');
  });

  afterAll(async () => {
    client?.close();
    await bridge?.stop();
    mcu.detach();
    await pty?.close();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces every entity, as a device reached through the bridge', async () => {
    const states = (await client.command({ type: 'get_states' })).result as {
      entity_id: string;
      state: string;
      attributes: Record<string, unknown>;
    }[];
    const byId = new Map(states.map((s) => [s.entity_id, s]));
    expect(byId.get('switch.bench_relay')?.attributes.friendly_name).toBe('Workbench Relay');
    expect(byId.get('light.bench_lamp')?.attributes.supported_color_modes).toEqual(['brightness']);
    expect(byId.get('sensor.bench_temperature')).toMatchObject({
      state: '21.5',
      attributes: { unit_of_measurement: '°C', device_class: 'temperature' },
    });
    expect(byId.get('binary_sensor.bench_door')?.state).toBe('off');
    await waitForEntity(client, 'sensor.bench_last_seen', (s) => !Number.isNaN(Date.parse(s.state)));
    await waitForEntity(client, 'binary_sensor.testbridge_status', (s) => s.state === 'on');

    const devices = (await client.command({ type: 'config/device_registry/list' })).result as {
      id: string;
      name: string;
      via_device_id: string | null;
    }[];
    const board = devices.find((d) => d.name === 'Workbench');
    const bridgeDevice = devices.find((d) => d.name === 'Test bridge');
    expect(bridgeDevice).toBeDefined();
    expect(board?.via_device_id).toBe(bridgeDevice?.id);
  });

  it('switches the relay: call_service → serial command → ack → state at the panel', async () => {
    const answer = await callService(client, 'switch', 'turn_on', 'switch.bench_relay');
    expect(answer).toMatchObject({ success: true });
    expect(mcu.value('relay')).toEqual({ v: true });
    await client.next(stateEvent('switch.bench_relay', (s) => s.state === 'on'));
  });

  it('dims the lamp to the brightness asked', async () => {
    const answer = await callService(client, 'light', 'turn_on', 'light.bench_lamp', { brightness: 77 });
    expect(answer).toMatchObject({ success: true });
    expect(mcu.value('lamp')).toEqual({ v: true, bri: 77 });
    const lamp = await waitForEntity(client, 'light.bench_lamp', (s) => s.state === 'on');
    expect(lamp.attributes.brightness).toBe(77);
  });

  it('answers device_timeout, and fakes no state, when the MCU never acknowledges', async () => {
    mcu.ignoreCommands = true;
    try {
      const answer = await callService(client, 'switch', 'turn_off', 'switch.bench_relay');
      expect(answer.success).toBe(false);
      expect((answer.error as { code: string }).code).toBe('device_timeout');
      expect(mcu.value('relay')).toEqual({ v: true });
      expect((await waitForEntity(client, 'switch.bench_relay', () => true)).state).toBe('on');
    } finally {
      mcu.ignoreCommands = false;
    }
  });

  it('counts garbage, partial lines and bad CRCs as bad frames, skips them, and keeps working', async () => {
    const before = await framesBad();
    mcu.writeRaw('line noise\n');
    mcu.writeRaw('{"t":"st","e":"relay","v":fa\n'); // cut short
    mcu.writeRaw('{"t":"st","e":"relay","v":false}*0000\n'); // a bad CRC: the relay must stay on
    mcu.writeRaw(`${'x'.repeat(600)}\n`); // longer than any line may be
    mcu.writeRaw('{"t":"launch","e":"relay"}\n'); // no such frame
    mcu.writeRaw(Buffer.from([0x00, 0xff, 0xfe, 0x0a]));
    // A good line that arrives in pieces is put back together.
    mcu.writeRaw('{"t":"st","e":"temperature",');
    await new Promise((resolve) => setTimeout(resolve, 50));
    mcu.writeRaw('"v":23.5}\n');
    await waitForEntity(client, 'sensor.bench_temperature', (s) => s.state === '23.5');
    await waitForEntity(client, 'sensor.bench_frames_bad', (s) => Number(s.state) === before + 6);
    expect((await waitForEntity(client, 'switch.bench_relay', () => true)).state).toBe('on');
    expect(bridge.child.exitCode).toBeNull();
    const answer = await callService(client, 'switch', 'turn_off', 'switch.bench_relay');
    expect(answer).toMatchObject({ success: true });
  });

  it('notices an unplugged cable within 2 s, and comes back by itself when it is plugged in again', async () => {
    const unplugged = Date.now();
    await pty.close();
    await client.next(stateEvent('switch.bench_relay', (s) => s.state === 'unavailable'));
    const noticedMs = Date.now() - unplugged;
    expect(noticedMs).toBeLessThan(2000);

    // A new pty at the same path: the bridge reopens it by itself.
    pty = await openPty(pty.path);
    mcu.attach(pty);
    await waitForEntity(client, 'switch.bench_relay', (s) => s.state === 'off');
    const answer = await callService(client, 'switch', 'turn_on', 'switch.bench_relay');
    expect(answer).toMatchObject({ success: true });
    expect(mcu.value('relay')).toEqual({ v: true });
  });

  it('marks an MCU that stops answering unavailable, and available again when it talks', async () => {
    mcu.detach(); // the cable stays; the board hangs
    await client.next(stateEvent('switch.bench_relay', (s) => s.state === 'unavailable'));
    mcu.attach(pty);
    await waitForEntity(client, 'switch.bench_relay', (s) => s.state === 'on');
  });

  it('serves an MCU plugged in later beside the first', async () => {
    const later = new JsonLinesMcu({ name: 'Later' });
    const laterPty = await openPty(path.join(dir, 'later'));
    try {
      later.attach(laterPty);
      // Its entities share the bridge's availability topic with the first MCU's: each must still
      // get the retained `online`.
      await waitForEntity(client, 'switch.later_relay', (s) => s.state === 'off');
      await waitForEntity(client, 'sensor.later_frames_good', available);
    } finally {
      later.detach();
      await laterPty.close();
    }
  });
});
