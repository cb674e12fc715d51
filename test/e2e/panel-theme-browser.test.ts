import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim, TEST_USER } from '../helpers/start-test-hub.ts';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
type Scheme = 'light' | 'dark';

/** Relative luminance, WCAG 2.x: enough to tell a light surface from a dark one. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const channel = (c = 0) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

async function colours(page: Page, selector: string): Promise<{ background: string; color: string }> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, color: style.color };
    });
}

describe('the panel follows the system colour scheme', () => {
  let hub: TestHub;
  let sim: RunningProcess;
  let browser: Browser;

  beforeAll(async () => {
    ensurePanelBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    hub = await startTestHub();
    sim = await startTestSim(hub.mqttUrl);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await hub?.stop();
  });

  const seen: Record<Scheme, { page: string; card: string; login: string }> = {
    light: { page: '', card: '', login: '' },
    dark: { page: '', card: '', login: '' },
  };

  it.each(['light', 'dark'] as const)(
    'draws the login, the cards and a dialog readably in %s',
    async (scheme) => {
      const profile = await browser.newContext({
        colorScheme: scheme,
        viewport: { width: 1100, height: 800 },
      });
      const page = await profile.newPage();
      await page.goto(`${hub.httpUrl}/`);
      await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 15_000 });
      const login = await colours(page, '.login__card');
      seen[scheme].login = login.background;
      await page.screenshot({ path: `${ARTIFACTS}panel-login-${scheme}.png` });
      await page.getByLabel('Name').fill(TEST_USER.name);
      await page.getByLabel('Password').fill(TEST_USER.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
      await page.locator('.card[data-entity-id]').first().waitFor({ timeout: 15_000 });

      const body = await colours(page, 'body');
      const card = await colours(page, '.card[data-entity-id]');
      seen[scheme].page = body.background;
      seen[scheme].card = card.background;
      // WCAG AA for body text: 4.5:1, on the page and on a card.
      expect(contrast(body.color, body.background)).toBeGreaterThan(4.5);
      expect(contrast(card.color, card.background)).toBeGreaterThan(4.5);
      await page.screenshot({ path: `${ARTIFACTS}panel-dashboard-${scheme}.png`, fullPage: true });

      await page.locator('.card--opens .card__open').first().click();
      const dialog = page.locator('.dialog');
      await dialog.waitFor();
      const drawn = await colours(page, '.dialog');
      expect(contrast(drawn.color, drawn.background)).toBeGreaterThan(4.5);
      await page.locator('.chart__plot canvas').first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${ARTIFACTS}panel-dialog-${scheme}.png` });
      // The chart is a canvas, drawn once in the theme's colours: a change of scheme redraws it.
      const drawing = () =>
        page
          .locator('.chart__plot canvas')
          .first()
          .evaluate((c) => (c as HTMLCanvasElement).toDataURL());
      const before = await drawing();
      await page.emulateMedia({ colorScheme: scheme === 'dark' ? 'light' : 'dark' });
      await expect.poll(drawing).not.toBe(before);
      await profile.close();
    },
  );

  it('is dark in the dark scheme and light in the light one, surfaces included', () => {
    for (const part of ['page', 'card', 'login'] as const) {
      expect(luminance(seen.light[part]), `light ${part}: ${seen.light[part]}`).toBeGreaterThan(0.8);
      expect(luminance(seen.dark[part]), `dark ${part}: ${seen.dark[part]}`).toBeLessThan(0.05);
    }
  });
});
