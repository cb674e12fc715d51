import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { HubClient } from '../helpers/hub-client.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import { openSettings } from '../helpers/open-panel.ts';
import { runCli } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const GUEST = { name: 'grace', password: 'another long pass' };

describe('the settings pages: users, MQTT devices and areas', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let watcher: HubClient;

  beforeAll(async () => {
    ensurePanelBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    hub = await startTestHub();
    watcher = await HubClient.connect(hub.wsUrl, hub.token);
    browser = await launchChromium();
    page = await browser.newContext({ viewport: { width: 1000, height: 900 } }).then((c) => c.newPage());
    await page.goto(hub.loginUrl);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    watcher?.close();
    await browser?.close();
    await hub?.stop();
  });

  it('adds a user with a password, and says why a taken name is refused', async () => {
    await page.locator('[data-user="tester"]', { hasText: 'you' }).waitFor();
    await page.locator('#user-name').fill(GUEST.name);
    await page.locator('#user-password').fill(GUEST.password);
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('[data-user="grace"]').waitFor();
    expect((await runCli(['user', 'list', '--data', hub.dataDir])).stdout).toMatch(/^grace\tuser\tpassword/m);
    await page.locator('#user-name').fill('Grace');
    await page.locator('#user-password').fill(GUEST.password);
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
  });

  it('adds an MQTT device, shows its password once, and the device connects with it', async () => {
    await page.locator('#device-username').fill('porch-light');
    await page.getByRole('button', { name: 'Add device' }).click();
    const shown = page.locator('[data-device-password]');
    await shown.waitFor();
    const password = await shown.inputValue();
    await page.locator('[data-mqtt-device="porch-light"]').waitFor();
    const device = await mqtt.connectAsync(hub.mqttUrl, {
      username: 'porch-light',
      password,
      reconnectPeriod: 0,
    });
    await device.endAsync();
    await page.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
  });

  it('creates, renames and removes an area in the area registry', async () => {
    await page.locator('#area-name').fill('Garden');
    await page.getByRole('button', { name: 'Add area' }).click();
    const row = page.locator('[data-area="garden"]');
    await row.waitFor();
    await row.getByLabel('Name of Garden').fill('Back garden');
    await row.getByRole('button', { name: 'Rename' }).click();
    await expect
      .poll(
        async () =>
          (await watcher.command({ type: 'config/area_registry/list' })).result as { name: string }[],
      )
      .toContainEqual(expect.objectContaining({ area_id: 'garden', name: 'Back garden' }));
    await page.locator('#area-name').fill('Attic');
    await page.getByRole('button', { name: 'Add area' }).click();
    await page.locator('[data-area="attic"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}panel-settings-owner.png`, fullPage: true });
    await page.getByRole('button', { name: 'Remove Attic' }).click();
    await page.locator('[data-area="attic"]').waitFor({ state: 'detached' });
  });

  it('removes a device and a user', async () => {
    await page.getByRole('button', { name: 'Remove porch-light' }).click();
    await page.locator('[data-mqtt-device="porch-light"]').waitFor({ state: 'detached' });
    expect((await runCli(['device', 'list', '--data', hub.dataDir])).stdout).not.toContain('porch-light');
    await page.locator('#user-name').fill('temp');
    await page.locator('#user-password').fill(GUEST.password);
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('button', { name: 'Remove temp' }).click();
    await page.locator('[data-user="temp"]').waitFor({ state: 'detached' });
  });

  it('shows a user who is not the owner their tokens and the areas, but not people or devices', async () => {
    const guest = await openSettings(browser, hub, GUEST, 'dark');
    await guest.getByText(`Logged in as ${GUEST.name}.`).waitFor({ timeout: 15_000 });
    await guest.locator('[data-area="garden"]').waitFor();
    expect(await guest.getByRole('heading', { name: 'Users' }).count()).toBe(0);
    expect(await guest.getByRole('heading', { name: 'MQTT devices' }).count()).toBe(0);
    await guest.screenshot({ path: `${ARTIFACTS}panel-settings-user-dark.png`, fullPage: true });
  });

  it('draws the owner settings in the dark theme too', async () => {
    const dark = await openSettings(
      browser,
      hub,
      { name: 'tester', password: 'correct horse battery' },
      'dark',
    );
    await dark.locator('[data-user="grace"]').waitFor({ timeout: 15_000 });
    await dark.screenshot({ path: `${ARTIFACTS}panel-settings-owner-dark.png`, fullPage: true });
  });
});
