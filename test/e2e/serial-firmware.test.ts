import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPty, type PtyEnd } from '../../device-sim/serial/pty.ts';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import { callService, startTestBridge, stateEvent, waitForEntity } from '../helpers/start-test-bridge.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sources = [
  'firmware-bridge/firmware/hearth_node/hearth_protocol.cpp',
  'test/firmware-bridge/firmware/host-main.cpp',
].map((file) => path.join(root, file));

/** Compiles the reference firmware's protocol code for this machine. */
function compileFirmware(out: string): void {
  try {
    execFileSync('g++', ['-std=c++11', '-Wall', '-Wextra', '-Werror', '-O1', '-o', out, ...sources], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    const problem = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (problem.code === 'ENOENT')
      throw new Error('g++ is needed to build the reference firmware: apt-get install g++');
    throw new Error(
      `the reference firmware does not compile:\n${problem.stderr?.toString() ?? problem.message}`,
    );
  }
}

/**
 * The reference firmware (firmware-bridge/firmware/hearth_node), its protocol code compiled with
 * g++ for the host and put behind a socat pty, against the real bridge and hub. It asks for CRCs,
 * so every line in both directions carries one.
 */
describe('the reference firmware behind the bridge', () => {
  let dir: string;
  let hub: TestHub;
  let pty: PtyEnd;
  let firmware: ChildProcess;
  let firmwareLog = '';
  let bridge: RunningProcess;
  let client: HubClient;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-firmware-'));
    const binary = path.join(dir, 'hearth-node');
    compileFirmware(binary);
    hub = await startTestHub();
    pty = await openPty(path.join(dir, 'ttyACM0'));
    firmware = spawn(binary, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    firmware.stderr?.on('data', (chunk: Buffer) => {
      firmwareLog += chunk.toString();
    });
    pty.input.pipe(firmware.stdin as NodeJS.WritableStream);
    firmware.stdout?.on('data', (chunk: Buffer) => pty.write(chunk));
    bridge = await startTestBridge(path.join(dir, 'bridge.json'), {
      id: 'pi',
      mqttUrl: hub.mqttUrl,
      diagnosticsIntervalMs: 100,
      ports: [{ path: pty.path, protocol: 'jsonl' }],
    });
    client = await HubClient.connect(hub.wsUrl, hub.token);
    await client.command({ type: 'subscribe_events', event_type: 'state_changed' });
  });

  afterAll(async () => {
    client?.close();
    await bridge?.stop();
    firmware?.kill();
    await pty?.close();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces its relay and its sensor', async () => {
    await waitForEntity(client, 'switch.ttyacm0_relay', (s) => s.state === 'off');
    const sensor = await waitForEntity(client, 'sensor.ttyacm0_temperature', (s) => s.state === '21.5');
    expect(sensor.attributes).toMatchObject({
      unit_of_measurement: '°C',
      friendly_name: 'Relay board Temperature',
    });
  });

  it('switches its relay pin on and off from call_service, with a CRC on every line', async () => {
    for (const [service, state, pin] of [
      ['turn_on', 'on', 1],
      ['turn_off', 'off', 0],
    ] as const) {
      const answer = await callService(client, 'switch', service, 'switch.ttyacm0_relay');
      expect(answer).toMatchObject({ success: true });
      await client.next(stateEvent('switch.ttyacm0_relay', (s) => s.state === state));
      expect(firmwareLog).toContain(`relay pin = ${pin}`);
    }
    // The firmware found no fault in the bridge's lines, nor the bridge in the firmware's.
    expect(firmwareLog).not.toMatch(/bad lines = [1-9]/);
    expect(firmwareLog).toMatch(/checked lines = [1-9]/);
    expect((await waitForEntity(client, 'sensor.ttyacm0_frames_bad', () => true)).state).toBe('0');
  });
});
