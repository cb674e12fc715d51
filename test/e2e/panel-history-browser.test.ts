import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const SENSOR = 'sensor.garden_temperature';
/** A day in a garden: what the device reports, one reading after another. */
const READINGS = [12.1, 12.4, 13.0, 14.2, 15.8, 17.1, 18.0, 18.4, 17.6, 16.2, 14.9, 13.8];

/** A hand-made sensor, as a real device would announce itself. */
async function gardenSensor(mqttUrl: string): Promise<MqttClient> {
  const device = await mqtt.connectAsync(mqttUrl, { clientId: 'garden-sensor' });
  await device.publishAsync(
    'homeassistant/sensor/garden/temperature/config',
    JSON.stringify({
      name: 'Temperature',
      unique_id: 'garden-temperature',
      state_topic: 'garden/temperature',
      unit_of_measurement: '°C',
      device_class: 'temperature',
      state_class: 'measurement',
      device: { identifiers: ['garden'], name: 'Garden' },
    }),
    { retain: true, qos: 1 },
  );
  return device;
}

describe('the panel shows history and edits names, areas and icons', () => {
  let hub: TestHub;
  let device: MqttClient;
  let browser: Browser;
  let profile: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensurePanelBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    hub = await startTestHub();
    device = await gardenSensor(hub.mqttUrl);
    // Readings before the hub subscribed to the sensor's topic would be lost, as with a real device.
    for (let i = 0; i < 200; i++) {
      const response = await fetch(`${hub.httpUrl}/api/states/${SENSOR}`, {
        headers: { Authorization: `Bearer ${hub.token}` },
      });
      if (response.ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // Readings a moment apart, each one a state change the recorder keeps.
    for (const reading of READINGS) {
      await device.publishAsync('garden/temperature', String(reading), { qos: 1 });
      await new Promise((r) => setTimeout(r, 120));
    }
    browser = await launchChromium();
    profile = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await profile.newPage();
    await page.goto(hub.loginUrl);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await device?.endAsync();
    await hub?.stop();
  });

  it('draws the last 24 hours on the sensor card, and the full chart with recent changes when opened', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const card = page.locator(`[data-entity-id="${SENSOR}"]`);
    await card.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => card.locator('.card__status').textContent(), { timeout: 10_000 })
      .toContain('13.8');
    // The small chart: a path through every reading.
    await expect
      .poll(async () => ((await card.locator('.sparkline path').getAttribute('d')) ?? '').split('M').length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(1);
    await page.screenshot({ path: `${ARTIFACTS}history-cards.png` });

    await card.click();
    const dialog = page.getByRole('dialog', { name: 'Garden Temperature' });
    await dialog.waitFor();
    const plot = dialog.locator('.chart__plot');
    // `unknown` from its announcement until the first reading, every reading, the last drawn on to now.
    const drawn = String(READINGS.length + 2);
    await expect.poll(() => plot.getAttribute('data-points'), { timeout: 10_000 }).toBe(drawn);
    await plot.locator('canvas').waitFor();
    const changes = dialog.locator('.changes__item');
    await expect.poll(() => changes.count()).toBe(READINGS.length + 1);
    expect(await changes.first().locator('.changes__state').textContent()).toBe('13.8 °C');
    await dialog.screenshot({ path: `${ARTIFACTS}history-chart.png` });

    // A week: no statistics yet (they come every five minutes), so the history it has.
    await dialog.getByRole('button', { name: '7 d' }).click();
    await expect.poll(() => plot.getAttribute('data-source')).toBe('history');
    expect(await plot.getAttribute('data-points')).toBe(drawn);
    expect(errors).toEqual([]);
  });

  it('renames the sensor, gives it an icon and a new area, and another open panel shows it at once', async () => {
    const other = await profile.newPage();
    await other.goto(hub.httpUrl);
    await other.locator('[data-connection="connected"]').waitFor({ timeout: 15_000 });
    await other.locator(`[data-entity-id="${SENSOR}"]`).waitFor();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Patio temperature');
    await dialog.getByLabel('Area', { exact: true }).selectOption({ label: 'New area…' });
    await dialog.getByLabel('New area name').fill('Patio');
    await dialog.getByRole('button', { name: 'thermometer' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await dialog.screenshot({ path: `${ARTIFACTS}history-edit.png` });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    const area = other.locator('section[data-area-id="patio"]');
    await area.waitFor({ timeout: 10_000 });
    expect(await area.locator('.area__title').textContent()).toContain('Patio');
    // In its area's section the area's name is left out of the card's: "Patio temperature" is "Temperature".
    await expect
      .poll(() => area.locator(`[data-entity-id="${SENSOR}"] .card__name`).getAttribute('title'))
      .toBe('Patio temperature');

    // The area can be renamed from its heading, and every panel follows.
    await page.getByRole('button', { name: 'Edit area Patio' }).click();
    const areaDialog = page.getByRole('dialog', { name: 'Patio' });
    await areaDialog.getByLabel('Name', { exact: true }).fill('Back garden');
    await areaDialog.getByRole('button', { name: 'Save' }).click();
    await areaDialog.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await expect
      .poll(() => area.locator('.area__title').textContent(), { timeout: 10_000 })
      .toContain('Back garden');
    await other.close();
  });

  it('stays readable on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const mobile = await phone.newPage();
    await mobile.addInitScript(
      (token) => window.localStorage.setItem('hearth.accessToken', token),
      hub.token,
    );
    await mobile.goto(hub.httpUrl);
    await mobile.locator('[data-connection="connected"]').waitFor({ timeout: 15_000 });
    const card = mobile.locator(`[data-entity-id="${SENSOR}"]`);
    await card.waitFor();
    const box = await card.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    await mobile.screenshot({ path: `${ARTIFACTS}history-phone.png` });
    await card.click();
    await mobile.locator('.chart__plot canvas').waitFor({ timeout: 10_000 });
    await mobile.screenshot({ path: `${ARTIFACTS}history-phone-chart.png` });
    await phone.close();
  });
});
