import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import { runCli, spawnCli } from '../helpers/run-cli.ts';

/** The README's tour, in its order: file name → what it shows. */
export const TOUR_SHOTS = {
  'house.png': 'the living room',
  'light-details.png': "a light's details with its history",
  'phone.png': 'on a phone',
  'dark.png': 'the dark theme',
  'settings.png': "settings: the hub's health",
} as const;

const DESKTOP = { width: 1100, height: 760 };
const PHONE = { width: 390, height: 760 };
const LAMP = 'light.living_room_lamp';

/**
 * Takes the README's screenshots of the panel: the real `hearth demo` (its hub and simulated house)
 * in a temp data folder, on free ports, driven by Chromium at one device pixel per CSS pixel, so
 * that the files stay small. Writes TOUR_SHOTS into `outDir`; resolves with their paths.
 */
export async function takeTourScreenshots(outDir: string): Promise<string[]> {
  ensurePanelBuilt();
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-tour-'));
  const demo = spawnCli(['demo', '--data', dataDir, '--http-port', '0', '--mqtt-port', '0'], {
    HEARTH_LOG_LEVEL: 'warn',
  });
  let browser: Browser | undefined;
  try {
    const [, loginUrl] = (await demo.waitForLine(/^\s*log in:\s+(\S+)/)) as [string, string];
    const origin = new URL(loginUrl).origin;
    await giveTheLampAHistory(origin, dataDir);

    browser = await launchChromium();
    const shot = (name: keyof typeof TOUR_SHOTS) => path.join(outDir, name);
    const desktop = await openPanel(browser, loginUrl, { viewport: DESKTOP, colorScheme: 'light' });
    // The living room: the lamp just turned on, the thermostat, the blind, sensors with their lines.
    await scrollToHeading(desktop, 'Living Room');
    await desktop.screenshot({ path: shot('house.png') });

    await desktop.locator(`[data-entity-id="${LAMP}"] .card__open`).click();
    const dialog = desktop.getByRole('dialog');
    // Its recent changes: the evening above, newest first.
    await dialog.locator('.changes__item').nth(5).waitFor({ timeout: 15_000 });
    await dialog.screenshot({ path: shot('light-details.png') });
    await desktop.keyboard.press('Escape');

    await desktop.getByRole('button', { name: 'Settings' }).click();
    await desktop.getByRole('heading', { name: 'Users' }).waitFor({ timeout: 15_000 });
    // The hub's health: the figures and the round trips of the commands above.
    await scrollToHeading(desktop, 'Hub health');
    await desktop.locator('.health canvas').first().waitFor({ timeout: 15_000 });
    await desktop.screenshot({ path: shot('settings.png') });

    // The login is kept by the browser, as a person's is: the other views start logged in.
    const storageState = await desktop.context().storageState();
    const phone = await openPanel(browser, origin, {
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      colorScheme: 'light',
      storageState,
    });
    await phone.screenshot({ path: shot('phone.png') });
    const dark = await openPanel(browser, origin, { viewport: DESKTOP, colorScheme: 'dark', storageState });
    await scrollToHeading(dark, 'Kitchen');
    await dark.screenshot({ path: shot('dark.png') });
    return Object.keys(TOUR_SHOTS).map((name) => path.join(outDir, name));
  } finally {
    await browser?.close();
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A browser profile on the panel, logged in, every card drawn. */
async function openPanel(browser: Browser, url: string, options: BrowserContextOptions): Promise<Page> {
  const profile = await browser.newContext({ ...options, deviceScaleFactor: 1 });
  const page = await profile.newPage();
  await page.goto(url);
  await page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
  await page.locator(`[data-entity-id="${LAMP}"]`).waitFor({ timeout: 15_000 });
  // Let the sensors' small charts draw.
  await page.locator('.sparkline path').first().waitFor({ timeout: 15_000 });
  return page;
}

/** Scrolls the panel so that a heading (an area's, a settings section's) is at the top, under the bar. */
async function scrollToHeading(page: Page, name: string): Promise<void> {
  await page
    .getByRole('heading', { name })
    .evaluate((heading) => window.scrollBy(0, heading.getBoundingClientRect().top - 88));
}

/** An evening of the living room lamp, through the REST API as a script would do it. */
async function giveTheLampAHistory(origin: string, dataDir: string): Promise<void> {
  const created = await runCli(['token', 'create', '--name', 'tour', '--data', dataDir]);
  if (created.code !== 0) throw new Error(`hearth token create: ${created.stderr}`);
  const token = created.stdout.trim();
  const steps: [string, Record<string, unknown>][] = [
    ['turn_on', { brightness: 90 }],
    ['turn_on', { brightness: 200 }],
    ['turn_off', {}],
    ['turn_on', { brightness: 140, color_temp_kelvin: 2700 }],
    ['turn_on', { brightness: 255 }],
    ['turn_on', { brightness: 180 }],
  ];
  for (const [service, data] of steps) {
    const response = await fetch(`${origin}/api/services/light/${service}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: JSON.stringify({ entity_id: LAMP, ...data }),
    });
    if (!response.ok) throw new Error(`light.${service}: ${response.status} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

// `npm run docs:screenshots`: the README's images, in docs/tour/.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL('../../docs/tour/', import.meta.url));
  for (const file of await takeTourScreenshots(out))
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
