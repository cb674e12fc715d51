import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstAvailableCard } from '../helpers/available-card.ts';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

describe('the panel in a real browser', () => {
  let hub: TestHub;
  let sim: RunningProcess;
  let browser: Browser;
  /** One profile, as one person's browser: the login of the first test is the session of the next. */
  let profile: BrowserContext;
  /** The login link of the first hub, used by the first test. */
  let usedLoginUrl: string;

  beforeAll(async () => {
    ensurePanelBuilt();
    hub = await startTestHub();
    sim = await startTestSim(hub.mqttUrl);
    browser = await launchChromium();
    profile = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await hub?.stop();
  });

  it('logs in with the printed link, toggles a light on, and the simulated light is on', async () => {
    const observer = await mqtt.connectAsync(hub.mqttUrl, { clientId: 'panel-test-observer' });
    const reports: { device: string; state: unknown }[] = [];
    observer.on('message', (topic, payload) => {
      try {
        reports.push({
          device: topic.split('/')[1] ?? '',
          state: (JSON.parse(payload.toString()) as { state?: unknown }).state,
        });
      } catch {
        // availability and other plain payloads
      }
    });
    await observer.subscribeAsync('hearth/+');

    const page = await profile.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    usedLoginUrl = hub.loginUrl;
    await page.goto(usedLoginUrl);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 15_000 });
    // The one-time code is gone from the address bar, and the token never was in it.
    expect(new URL(page.url()).hash).toBe('');
    expect(page.url()).not.toContain('code=');

    const card = await firstAvailableCard(page, 'light');
    const entityId = await card.getAttribute('data-entity-id');
    const toggle = card.locator('button[role="switch"]');
    if ((await toggle.getAttribute('aria-checked')) === 'true') {
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
      await expect.poll(() => card.getAttribute('data-pending')).not.toBe('true');
    }
    reports.length = 0;
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => card.getAttribute('data-pending'), { timeout: 10_000 }).not.toBe('true');

    // The device itself reported ON after the click: the command really reached it.
    await expect.poll(() => reports.some((r) => r.state === 'ON'), { timeout: 10_000 }).toBe(true);
    const rest = await fetch(`${hub.httpUrl}/api/states/${entityId}`, {
      headers: { Authorization: `Bearer ${hub.token}` },
    });
    expect(((await rest.json()) as { state: string }).state).toBe('on');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}panel.png`, fullPage: true });
    expect(errors).toEqual([]);
    await observer.endAsync();
  });

  it('shows the lost connection, reconnects by itself when the hub is back, and resyncs', async () => {
    const page = await profile.newPage();
    await page.goto(hub.loginUrl.replace(/#code=.*/, ''));
    // The first test logged this browser in: the session token is in localStorage.
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 15_000 });
    await sim.stop();
    await hub.stop({ keepData: true });
    await page.locator('[data-connection="connected"]').waitFor({ state: 'detached', timeout: 15_000 });

    hub = await startTestHub({ restartOf: hub });
    sim = await startTestSim(hub.mqttUrl);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
    const card = await firstAvailableCard(page, 'light', 10_000);
    const toggle = card.locator('button[role="switch"]');
    const before = await toggle.getAttribute('aria-checked');
    await toggle.click();
    await expect
      .poll(() => toggle.getAttribute('aria-checked'), { timeout: 10_000 })
      .toBe(before === 'true' ? 'false' : 'true');
    await expect.poll(() => card.getAttribute('data-pending'), { timeout: 10_000 }).not.toBe('true');
  });

  it('refuses a used login code and shows the login view', async () => {
    const page = await browser.newPage();
    await page.goto(usedLoginUrl.replace(new URL(usedLoginUrl).origin, hub.httpUrl));
    await page.locator('form').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-connection="connected"]').count()).toBe(0);
  });
});
