import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CompressedState, EntitiesEvent } from '../../hub/protocol/compressed-state.ts';
import { applyEntitiesEvent } from '../../hub/protocol/compressed-state.ts';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestMosquitto } from '../helpers/start-mosquitto.ts';
import { startMosquitto } from '../helpers/start-mosquitto.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';
import { TestDevice } from '../helpers/test-device.ts';

/** What a panel shows: the hub's `subscribe_entities` stream applied, as the panel's store does. */
class PanelView {
  readonly states = new Map<string, CompressedState>();

  private constructor(readonly client: HubClient) {}

  static async open(hub: TestHub): Promise<PanelView> {
    const client = await HubClient.connect(hub.wsUrl, hub.token);
    const view = new PanelView(client);
    const id = client.sendCommand({ type: 'subscribe_entities' });
    client.socket.on('message', (data) => {
      const parsed = JSON.parse(data.toString()) as Record<string, unknown> | Record<string, unknown>[];
      for (const message of Array.isArray(parsed) ? parsed : [parsed])
        if (message.id === id && message.type === 'event')
          applyEntitiesEvent(view.states, message.event as EntitiesEvent);
    });
    return view;
  }

  state(entityId: string): string | undefined {
    return this.states.get(entityId)?.s;
  }
}

type Outcome = { device: TestDevice; value: number; success: boolean; code?: string };

/**
 * Mosquitto is SIGKILLed while a panel sends a stream of commands, and started again on the same
 * port; its persistence keeps the retained messages. Each command sets a number device to a value
 * never used before, so a success can be traced to the device that applied exactly that value.
 */
describe('the broker killed and restarted under load', () => {
  let mosquitto: TestMosquitto;
  let hub: TestHub;
  let sim: RunningProcess;
  let devices: TestDevice[];
  let panels: PanelView[];
  const configDir = mkdtempSync(path.join(tmpdir(), 'hearth-restart-'));

  beforeAll(async () => {
    mosquitto = await startMosquitto({ persistence: true });
    const config = path.join(configDir, 'hearth.json');
    writeFileSync(config, JSON.stringify({ mqttClient: { reconnectMinMs: 100, reconnectMaxMs: 1000 } }));
    hub = await startTestHub({
      args: ['--mqtt-url', mosquitto.url, '--config', config],
      env: { HEARTH_COMMAND_TIMEOUT_MS: '3000' },
    });
    // The simulated house, its sensors alive, as background traffic.
    sim = await startTestSim(mosquitto.url, []);
    devices = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        TestDevice.connect(mosquitto.url, `load_dial_${i}`, {
          component: 'number',
          initial: '0',
          // Both kinds: a state the broker keeps, and one only the device can tell again.
          retainState: i % 2 === 0,
          qos: i < 2 ? 1 : 0,
        }),
      ),
    );
    panels = await Promise.all([PanelView.open(hub), PanelView.open(hub)]);
    // A state report sent before the hub subscribed to its topic is lost: report until it is seen.
    const shownEverywhere = (d: TestDevice) => panels.every((p) => p.state(`number.${d.name}`) === d.state);
    await vi.waitFor(
      () => {
        for (const device of devices.filter((d) => !shownEverywhere(d))) device.report(device.state);
        expect(devices.every(shownEverywhere)).toBe(true);
      },
      { timeout: 15_000, interval: 200 },
    );
  });

  afterAll(async () => {
    for (const panel of panels ?? []) panel.client.close();
    await Promise.all((devices ?? []).map((d) => d.close()));
    await sim?.stop();
    await hub?.stop();
    await mosquitto?.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  const health = async () =>
    ((await (await fetch(`${hub.httpUrl}/api/health`)).json()) as { mqtt: string }).mqtt;

  it('reconnects, shows no stale state afterwards, and reports done only what a device confirmed', async () => {
    const [panel] = panels as [PanelView, PanelView];
    const outcomes: Outcome[] = [];
    let next = 1;
    let running = true;
    // One stream of commands per device, each waiting for its answer, as people tapping would.
    const streams = devices.map(async (device) => {
      while (running) {
        const value = next++;
        const answer = await panel.client.command({
          type: 'call_service',
          domain: 'number',
          service: 'set_value',
          service_data: { value },
          target: { entity_id: `number.${device.name}` },
        });
        const code = (answer.error as { code?: string } | undefined)?.code;
        outcomes.push({ device, value, success: answer.success === true, ...(code && { code }) });
      }
    });
    const successes = () => outcomes.filter((o) => o.success).length;

    await expect.poll(successes, { timeout: 15_000 }).toBeGreaterThanOrEqual(20);
    await mosquitto.kill();
    await expect.poll(health, { timeout: 10_000 }).toBe('disconnected');
    await mosquitto.start();
    await expect.poll(health, { timeout: 15_000 }).toBe('connected');
    const atRestart = successes();
    await expect.poll(successes, { timeout: 20_000 }).toBeGreaterThanOrEqual(atRestart + 20);
    running = false;
    await Promise.all(streams);

    // A command that failed says why, with the codes hearth promises.
    for (const outcome of outcomes.filter((o) => !o.success))
      expect(['device_timeout', 'device_unavailable']).toContain(outcome.code);
    // No command reported done that its device did not apply and report.
    for (const outcome of outcomes.filter((o) => o.success))
      expect(outcome.device.received, `${outcome.device.name} = ${outcome.value}`).toContain(
        String(outcome.value),
      );
    // No panel shows a stale state once things settle: every panel shows what every device has.
    const shown = () => panels.map((p) => devices.map((d) => p.state(`number.${d.name}`)));
    const truth = devices.map((d) => d.state);
    await expect.poll(shown, { timeout: 10_000 }).toEqual(panels.map(() => truth));
    // The simulated house came back too: nothing left unavailable.
    await expect
      .poll(() => [...panel.states].filter(([, s]) => s.s === 'unavailable').map(([id]) => id), {
        timeout: 10_000,
      })
      .toEqual([]);
  });
});
