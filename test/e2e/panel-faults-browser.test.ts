import type { MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstAvailableCard } from '../helpers/available-card.ts';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { announceSwitch } from '../helpers/hand-written-switch.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

describe('the panel when a device fails a command', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const devices: MqttClient[] = [];
  let sim: RunningProcess | undefined;

  beforeAll(async () => {
    ensurePanelBuilt();
    hub = await startTestHub({ env: { HEARTH_COMMAND_TIMEOUT_MS: '1500' } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(hub.loginUrl);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    for (const device of devices) await device.endAsync(true);
    await sim?.stop();
    await browser?.close();
    await hub?.stop();
  });

  /** A switch that reports `off`, as a card in the panel. */
  async function relay(name: string) {
    const device = await announceSwitch(hub.mqttUrl, name);
    devices.push(device);
    const card = page.locator(`[data-entity-id="switch.${name}"]`);
    await card.waitFor({ timeout: 15_000 });
    await device.publishAsync(name, 'OFF');
    const toggle = card.locator('button[role="switch"]');
    await expect.poll(() => card.getAttribute('data-available'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    return { device, card, toggle };
  }

  it('reverts the toggle and says the device is unavailable when it vanishes mid-command', async () => {
    const { device, card, toggle } = await relay('vanishing_relay');
    // It drops off the network as the command reaches it: the broker publishes its will.
    await device.subscribeAsync('vanishing_relay/set');
    device.on('message', () => device.stream.destroy());
    await toggle.click();
    await card
      .getByRole('alert')
      .filter({ hasText: 'The device is unavailable' })
      .waitFor({ timeout: 10_000 });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => card.getAttribute('data-available'), { timeout: 10_000 }).toBe('false');
  });

  it('reverts the toggle and says the device did not respond when it never confirms', async () => {
    const { card, toggle } = await relay('mute_relay');
    await toggle.click();
    expect(await card.getAttribute('data-pending')).toBe('true');
    await card
      .getByRole('alert')
      .filter({ hasText: 'The device did not respond in time' })
      .waitFor({ timeout: 10_000 });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    expect(await card.getAttribute('data-pending')).not.toBe('true');
  });

  it('reconnects by itself after the hub is killed (SIGKILL) and restarted, and serves the true states', async () => {
    for (const device of devices.splice(0)) await device.endAsync(true);
    sim = await startTestSim(hub.mqttUrl);
    const light = await firstAvailableCard(page, 'light');
    hub.process.child.kill('SIGKILL');
    await hub.stop({ keepData: true });
    await page.locator('[data-connection="connected"]').waitFor({ state: 'detached', timeout: 15_000 });

    // Same data folder and ports; the simulated devices reconnect by themselves too.
    hub = await startTestHub({ restartOf: hub, env: { HEARTH_COMMAND_TIMEOUT_MS: '5000' } });
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
    await light.and(page.locator('[data-available="true"]')).waitFor({ timeout: 20_000 });
    const toggle = light.locator('button[role="switch"]');
    const before = await toggle.getAttribute('aria-checked');
    await toggle.click();
    await expect
      .poll(() => toggle.getAttribute('aria-checked'), { timeout: 10_000 })
      .toBe(before === 'true' ? 'false' : 'true');
    await expect.poll(() => light.getAttribute('data-pending'), { timeout: 10_000 }).not.toBe('true');
    expect(await light.getAttribute('data-error')).toBeNull();
  });
});
