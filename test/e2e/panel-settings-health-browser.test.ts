import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { HubClient } from '../helpers/hub-client.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import { openSettings } from '../helpers/open-panel.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim, TEST_USER } from '../helpers/start-test-hub.ts';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const LAMP = 'light.living_room_lamp';
const GUEST = { name: 'grace', password: 'another long pass' };

/** A socket that sends something before authenticating: the hub refuses it and logs a warning. */
async function logAWarning(hub: TestHub): Promise<void> {
  const stranger = await HubClient.open(hub.wsUrl);
  await stranger.next((m) => m.type === 'auth_required');
  stranger.sendRaw(JSON.stringify({ type: 'ping', id: 1 }));
  await stranger.closed();
}

describe('the settings: hub health and the live log', () => {
  let hub: TestHub;
  let sim: RunningProcess;
  let browser: Browser;
  let page: Page;
  let watcher: HubClient;

  beforeAll(async () => {
    ensurePanelBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    hub = await startTestHub({ env: { HEARTH_LOG_LEVEL: 'info' } });
    sim = await startTestSim(hub.mqttUrl);
    watcher = await HubClient.connect(hub.wsUrl, hub.token);
    browser = await launchChromium();
    page = await openSettings(browser, hub, 'login link', 'light');
  });

  afterAll(async () => {
    watcher?.close();
    await browser?.close();
    await sim?.stop();
    await hub?.stop();
  });

  it('shows the health figures live, and the round trips of commands in the chart', async () => {
    await page.locator('[data-figure="broker"]', { hasText: 'Connected' }).waitFor();
    await page
      .locator('[data-figure="devices"] .health__value', { hasText: '15 / 15' })
      .waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-figure="broker"] .health__label').textContent()).toBe(
      'Broker (embedded)',
    );
    for (let i = 0; i < 6; i++) {
      const answer = await watcher.command({
        type: 'call_service',
        domain: 'light',
        service: 'toggle',
        target: { entity_id: LAMP },
      });
      expect(answer.success).toBe(true);
    }
    await page.locator('.health-chart__plot[data-count="6"] canvas').waitFor({ timeout: 15_000 });
    await page.locator('[data-figure="round-trips"] .health__value', { hasText: '6' }).waitFor();
    // The bars are drawn: the canvas holds the accent colour somewhere.
    const drawn = await page.locator('.health-chart__plot canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? {
        data: [],
      };
      for (let i = 0; i < data.length; i += 4) {
        // --accent in the light theme, #ea580c.
        if (data[i] === 0xea && data[i + 1] === 0x58 && data[i + 2] === 0x0c) return true;
      }
      return false;
    });
    expect(drawn).toBe(true);
    await page
      .locator('section', { has: page.getByRole('heading', { name: 'Hub health' }) })
      .screenshot({ path: `${ARTIFACTS}panel-settings-health.png` });
  });

  it('shows the log, a new line as it is written, and filters by level', async () => {
    const log = page.getByRole('list', { name: 'Log lines' });
    await log.waitFor();
    await watcher.command({ type: 'hearth/users/create', name: GUEST.name, password: GUEST.password });
    const added = log.locator('.log__line', { hasText: 'added the user grace' });
    await added.waitFor();
    expect(await added.locator('.log__level').textContent()).toBe('info');
    expect(await added.locator('.log__module').textContent()).toBe('api');
    expect(await added.locator('.log__time').textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    await logAWarning(hub);
    await log.locator('.log__line[data-level="warn"]', { hasText: 'no auth message' }).waitFor();
    await page
      .locator('section', { has: page.getByRole('heading', { name: 'Log', exact: true }) })
      .screenshot({ path: `${ARTIFACTS}panel-settings-log.png` });

    await page.getByRole('button', { name: 'Warnings' }).click();
    await added.waitFor({ state: 'detached' });
    await log.locator('.log__line[data-level="warn"]').first().waitFor();
    expect(await log.locator('.log__line[data-level="info"]').count()).toBe(0);
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await added.waitFor();
  });

  it('follows new lines at the end, and holds still once scrolled up', async () => {
    const log = page.getByRole('list', { name: 'Log lines' });
    for (let i = 0; i < 30; i++) await logAWarning(hub);
    const atEnd = () =>
      log.evaluate((box) => box.scrollHeight - box.scrollTop - box.clientHeight <= 24 && box.scrollTop > 0);
    await expect.poll(atEnd).toBe(true);
    await log.evaluate((box) => box.scrollTo({ top: 0 }));
    await page.getByRole('button', { name: 'Follow new lines' }).waitFor();
    const count = await log.locator('.log__line').count();
    await logAWarning(hub);
    await expect.poll(() => log.locator('.log__line').count()).toBe(count + 1);
    expect(await log.evaluate((box) => box.scrollTop)).toBe(0);
    await page.getByRole('button', { name: 'Follow new lines' }).click();
    await expect.poll(atEnd).toBe(true);
  });

  it('fits a phone in the dark theme', async () => {
    const phone = await openSettings(browser, hub, TEST_USER, 'dark', { width: 390, height: 844 });
    await phone.locator('[data-figure="devices"] .health__value', { hasText: '15 / 15' }).waitFor();
    await phone.locator('.health-chart__plot canvas').waitFor();
    await phone.getByRole('list', { name: 'Log lines' }).locator('.log__line').first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Clipped from the full page, where the sticky top bar stays at the top instead of covering the section.
    for (const [heading, file] of [
      ['Hub health', 'panel-settings-health-dark.png'],
      ['Log', 'panel-settings-log-dark.png'],
    ] as const) {
      const section = phone.locator('section', {
        has: phone.getByRole('heading', { name: heading, exact: true }),
      });
      const box = await section.evaluate((element) => {
        const rect = element.getBoundingClientRect();
        return { x: rect.x, y: rect.y + window.scrollY, width: rect.width, height: rect.height };
      });
      await phone.screenshot({ path: `${ARTIFACTS}${file}`, fullPage: true, clip: box });
    }
  });

  it('shows a user who is not the owner the health, but not the log', async () => {
    const guest = await openSettings(browser, hub, GUEST, 'light');
    await guest
      .locator('[data-figure="devices"] .health__value', { hasText: '15 / 15' })
      .waitFor({ timeout: 15_000 });
    expect(await guest.getByRole('heading', { name: 'Log', exact: true }).count()).toBe(0);
  });
});
