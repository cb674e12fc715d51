import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { HubClient } from '../helpers/hub-client.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import type { TestMosquitto } from '../helpers/start-mosquitto.ts';
import { startMosquitto } from '../helpers/start-mosquitto.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';
import type { TcpProxy } from '../helpers/tcp-proxy.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';
import { TestDevice } from '../helpers/test-device.ts';

type Message = Record<string, unknown>;
const COMMAND_TIMEOUT_MS = 2000;
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/**
 * The hub loses its broker while the broker and the devices carry on: the hub reaches Mosquitto
 * through a TCP proxy that the test cuts, as a network fault between two machines would.
 */
describe('a hub that loses its broker (Mosquitto behind a cut link)', () => {
  let mosquitto: TestMosquitto;
  let proxy: TcpProxy;
  let hub: TestHub;
  let client: HubClient;
  let relay: TestDevice;
  let statusSubscription: number;
  const configDir = mkdtempSync(path.join(tmpdir(), 'hearth-outage-'));

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: mosquitto.port });
    const config = path.join(configDir, 'hearth.json');
    writeFileSync(config, JSON.stringify({ mqttClient: { reconnectMinMs: 50, reconnectMaxMs: 200 } }));
    hub = await startTestHub({
      args: ['--mqtt-url', proxy.url, '--config', config],
      env: { HEARTH_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS) },
    });
    relay = await TestDevice.connect(mosquitto.url, 'outage_relay', {
      component: 'switch',
      initial: 'OFF',
      retainState: true,
      // Only the retained message can then tell the hub what happened while it was away.
      answersBirth: false,
    });
    client = await HubClient.connect(hub.wsUrl, hub.token);
    await client.command({ type: 'subscribe_events', event_type: 'state_changed' });
    statusSubscription = client.sendCommand({ type: 'hearth/mqtt_status/subscribe' });
    await waitForState('off');
  });

  afterAll(async () => {
    client?.close();
    await relay?.close();
    await hub?.stop();
    await proxy?.close();
    await mosquitto?.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  const mqttStatus = async (connected: boolean) =>
    (
      await client.next(
        (m) =>
          m.id === statusSubscription &&
          m.type === 'event' &&
          (m.event as { connected: boolean }).connected === connected,
      )
    ).event as { connected: boolean; since: string };

  async function waitForState(state: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const states = (await client.command({ type: 'get_states' })).result as Message[];
      if (states.find((s) => s.entity_id === 'switch.outage_relay')?.state === state) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`switch.outage_relay never became ${state}`);
  }

  const lose = async () => {
    proxy.cut();
    await mqttStatus(false);
  };
  const regain = async () => {
    proxy.restore();
    await mqttStatus(true);
  };
  const call = (service: 'turn_on' | 'turn_off') =>
    client.command({
      type: 'call_service',
      domain: 'switch',
      service,
      target: { entity_id: 'switch.outage_relay' },
    });

  it('keeps serving the last states, and says the broker is gone to the panel and the health check', async () => {
    await mqttStatus(true);
    await lose();
    const health = await fetch(`${hub.httpUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', mqtt: 'disconnected' });
    const states = (await client.command({ type: 'get_states' })).result as Message[];
    expect(states.find((s) => s.entity_id === 'switch.outage_relay')?.state).toBe('off');
    await regain();
    expect(await (await fetch(`${hub.httpUrl}/api/health`)).json()).toMatchObject({ mqtt: 'connected' });
  });

  it('resyncs from the retained state a device reported while the hub was away', async () => {
    await lose();
    relay.report('ON');
    await regain();
    const turnedOn = (m: Message) => {
      const data = (m.event as { data?: { entity_id: string; new_state: { state: string } } } | undefined)
        ?.data;
      return m.type === 'event' && data?.entity_id === 'switch.outage_relay' && data.new_state.state === 'on';
    };
    expect((await client.next(turnedOn)).type).toBe('event');
  });

  it('delivers a command made during a short outage once the broker is back, and confirms it then', async () => {
    await lose();
    const answer = call('turn_off');
    await regain();
    expect((await answer).success).toBe(true);
    expect(relay.received.at(-1)).toBe('OFF');
    await waitForState('off');
  });

  it('fails a command at its timeout when the outage outlasts it, and never delivers it afterwards', async () => {
    const before = relay.received.length;
    await lose();
    const answer = await call('turn_on');
    expect(answer.success).toBe(false);
    expect(answer.error).toMatchObject({
      code: 'device_timeout',
      message: expect.stringContaining('no connection to the MQTT broker'),
    });
    await regain();
    // Anything held would go out before this command, and arrive at the device first.
    expect((await call('turn_off')).success).toBe(true);
    expect(relay.received.slice(before)).toEqual(['OFF']);
  });

  it('shows a banner in the panel while the broker is unreachable', async () => {
    ensurePanelBuilt();
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage();
      await page.goto(hub.loginUrl);
      await page.locator('[data-connection="connected"]').waitFor({ timeout: 15_000 });
      const banner = page.getByTestId('broker-banner');
      expect(await banner.count()).toBe(0);
      await lose();
      await banner.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await banner.textContent()).toContain('lost its MQTT broker at');
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: `${ARTIFACTS}broker-banner.png` });
      await regain();
      await banner.waitFor({ state: 'detached', timeout: 10_000 });
    } finally {
      await browser?.close();
    }
  });
});
