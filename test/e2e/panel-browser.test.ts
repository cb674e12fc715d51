import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  beforeAll(async () => {
    ensurePanelBuilt();
    hub = await startTestHub();
    sim = await startTestSim(hub.mqttUrl);
    browser = await launchChromium();
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

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(hub.loginUrl);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 15_000 });
    // The one-time code is gone from the address bar, and the token never was in it.
    expect(new URL(page.url()).hash).toBe('');
    expect(page.url()).not.toContain('code=');

    const card = page.locator('[data-entity-id^="light."][data-available="true"]').first();
    await card.waitFor();
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

  it('refuses a used login code and shows the login view', async () => {
    const page = await browser.newPage();
    await page.goto(hub.loginUrl);
    await page.locator('form').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-connection="connected"]').count()).toBe(0);
  });
});
