import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeRuntime, hearthCacheDir } from '../../../firmware-bridge/pack/node-runtime.ts';
import { TARGETS } from '../../../firmware-bridge/pack/target-arch.ts';
import { NO_PROGRESS } from '../../../hub/cli/progress.ts';
import { HubClient } from '../../helpers/hub-client.ts';
import { type RunningProcess, spawnCli } from '../../helpers/run-cli.ts';
import { stateEvent, waitForEntity } from '../../helpers/start-test-bridge.ts';
import { startTestHub, type TestHub } from '../../helpers/start-test-hub.ts';
import { runHearth } from '../run-hearth.ts';
import { makeTestImage, type TestImage, tool } from './raspios-test-image.ts';

const QEMU = 'qemu-aarch64-static';
// Debian's arm64 glibc and libstdc++ (libc6-arm64-cross, libstdc++6-arm64-cross), as the Pi's.
const ARM64_ROOT = '/usr/aarch64-linux-gnu';

/** A program's output, and a way to wait for a line of it. */
function startProgram(command: string, args: string[]) {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    output: () => output,
    async waitForLine(pattern: RegExp, timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!output.split('\n').some((line) => pattern.test(line))) {
        if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}):\n${output}`);
        if (Date.now() > deadline)
          throw new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop(): Promise<number | null> {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * The Pi, as near as this machine gets: the bridge taken out of a flashed image runs on its own
 * arm64 Node under qemu-user, with serialport's arm64 addon, against an MCU on a pty and a real
 * hub, exactly as its systemd unit would start it.
 */
describe('the bridge flashed onto a Raspberry Pi OS image, run on arm64', () => {
  let dir: string;
  let hub: TestHub;
  let sim: RunningProcess;
  let image: TestImage;
  let bridge: ReturnType<typeof startProgram>;
  let client: HubClient;

  beforeAll(async () => {
    if (!existsSync(`${ARM64_ROOT}/lib/ld-linux-aarch64.so.1`) || !existsSync(`/usr/bin/${QEMU}`))
      throw new Error(
        'the arm64 smoke test runs the Pi’s Node under qemu: apt-get install qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross',
      );
    // The one slow part, kept in ~/.cache/hearth between runs.
    await ensureNodeRuntime(TARGETS.arm64, { cacheDir: hearthCacheDir(), progress: NO_PROGRESS });
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-arm64-'));
    hub = await startTestHub();
    const pty = path.join(dir, 'ttyACM0');
    sim = spawnCli(['sim', '--serial', 'jsonl', '--pty', pty, '--no-liveliness']);
    await sim.waitForLine(/^hearth sim: jsonl MCU on /);

    image = makeTestImage('bookworm');
    const config = path.join(dir, 'bridge.json');
    writeFileSync(
      config,
      JSON.stringify({
        id: 'pi',
        name: 'Pi bridge',
        mqttUrl: hub.mqttUrl,
        ports: [{ path: pty, protocol: 'jsonl', id: 'bench' }],
      }),
    );
    const flashed = await runHearth([
      'flash',
      '--image',
      image.path,
      '--config',
      config,
      '--hostname',
      'bench-pi',
    ]);
    if (flashed.code !== 0) throw new Error(`hearth flash failed: ${flashed.stderr}`);

    // Out of the image, as the Pi will find it: /opt/hearth-bridge and the config.
    const pi = path.join(dir, 'pi');
    mkdirSync(pi);
    const device = `${image.path}?offset=${image.rootOffset}`;
    tool('debugfs', ['-R', `rdump /opt/hearth-bridge ${pi}`, device]);
    tool('debugfs', ['-R', `dump /etc/hearth-bridge/bridge.json ${pi}/bridge.json`, device]);
    expect(statSync(`${pi}/hearth-bridge/bin/node`).mode & 0o777).toBe(0o755);

    bridge = startProgram(QEMU, [
      '-L',
      ARM64_ROOT,
      `${pi}/hearth-bridge/bin/node`,
      `${pi}/hearth-bridge/lib/bridge.mjs`,
      '--config',
      `${pi}/bridge.json`,
    ]);
    // Emulated, Node takes a few seconds to start.
    await bridge.waitForLine(
      /^hearth bridge: pi on mqtt:\/\/127\.0\.0\.1:\d+, .*ttyACM0 \(jsonl, bench\)/,
      120_000,
    );
    client = await HubClient.connect(hub.wsUrl, hub.token);
    await client.command({ type: 'subscribe_events', event_type: 'state_changed' });
    await waitForEntity(client, 'switch.bench_relay', (s) => s.state === 'off', 60_000);
  }, 300_000);

  afterAll(async () => {
    client?.close();
    await bridge?.stop();
    await sim?.stop();
    await hub?.stop();
    image?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('announces the MCU’s entities to the hub, through the bridge', async () => {
    const states = (await client.command({ type: 'get_states' })).result as {
      entity_id: string;
      state: string;
    }[];
    const ids = states.map((s) => s.entity_id);
    expect(ids).toEqual(
      expect.arrayContaining(['switch.bench_relay', 'light.bench_lamp', 'sensor.bench_temperature']),
    );
  });

  it('toggles the relay end to end: call_service → MQTT → arm64 bridge → pty → MCU → state back', async () => {
    const on = await client.command({
      type: 'call_service',
      domain: 'switch',
      service: 'turn_on',
      target: { entity_id: 'switch.bench_relay' },
    });
    expect(on.success).toBe(true);
    await sim.waitForLine(/relay=true/);
    await client.next(stateEvent('switch.bench_relay', (s) => s.state === 'on'));

    const off = await client.command({
      type: 'call_service',
      domain: 'switch',
      service: 'turn_off',
      target: { entity_id: 'switch.bench_relay' },
    });
    expect(off.success).toBe(true);
    await sim.waitForLine(/relay=false/);
    await client.next(stateEvent('switch.bench_relay', (s) => s.state === 'off'));
  }, 60_000);
});
