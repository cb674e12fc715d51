import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstAvailableCard } from '../helpers/available-card.ts';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

type State = { entity_id: string; state: string; attributes: Record<string, unknown> };

describe('the panel controls a thermostat and a cover', () => {
  let hub: TestHub;
  let sim: RunningProcess;
  let browser: Browser;

  beforeAll(async () => {
    ensurePanelBuilt();
    hub = await startTestHub({ env: { HEARTH_COMMAND_TIMEOUT_MS: '20000' } });
    sim = await startTestSim(hub.mqttUrl);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await hub?.stop();
  });

  const stateOf = async (entityId: string): Promise<State> => {
    const response = await fetch(`${hub.httpUrl}/api/states/${entityId}`, {
      headers: { Authorization: `Bearer ${hub.token}` },
    });
    return (await response.json()) as State;
  };

  it('raises a thermostat setpoint and sets a cover position, and the devices report them', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(hub.loginUrl);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 15_000 });

    const thermostat = await firstAvailableCard(page, 'climate');
    const climateId = (await thermostat.getAttribute('data-entity-id')) as string;
    const before = await stateOf(climateId);
    const step = Number(before.attributes.target_temp_step ?? 0.5);
    const target = Number(before.attributes.temperature) + 2 * step;
    const raise = thermostat.getByRole('button', { name: 'Raise target temperature' });
    await raise.click();
    await raise.click();
    await expect
      .poll(async () => (await stateOf(climateId)).attributes.temperature, { timeout: 15_000 })
      .toBe(target);
    await expect.poll(() => thermostat.getAttribute('data-pending'), { timeout: 15_000 }).not.toBe('true');
    expect(await thermostat.getByTestId('setpoint').textContent()).toContain(String(target));

    const cover = await firstAvailableCard(page, 'cover');
    const coverId = (await cover.getAttribute('data-entity-id')) as string;
    const position = Number((await stateOf(coverId)).attributes.current_position) === 30 ? 70 : 30;
    await cover.getByLabel('Position').fill(String(position));
    await expect
      .poll(async () => (await stateOf(coverId)).attributes.current_position, { timeout: 20_000 })
      .toBe(position);
    await expect.poll(() => cover.getAttribute('data-pending'), { timeout: 20_000 }).not.toBe('true');

    mkdirSync(ARTIFACTS, { recursive: true });
    // The sticky header stays where the test last scrolled; the whole page reads from the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}panel-every-domain.png`, fullPage: true });
  });
});
