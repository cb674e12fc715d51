import type { Browser, Page } from 'playwright-core';
import type { TestHub } from './start-test-hub.ts';

/**
 * A fresh browser profile on the panel, logged in with the hub's one-time login link or a name and
 * password; resolves once the panel is connected.
 */
export async function openPanel(
  browser: Browser,
  hub: TestHub,
  as: 'login link' | { name: string; password: string },
  options: { scheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const profile = await browser.newContext({
    colorScheme: options.scheme ?? 'light',
    viewport: options.viewport ?? { width: 1000, height: 900 },
  });
  const page = await profile.newPage();
  if (as === 'login link') {
    await page.goto(hub.loginUrl);
  } else {
    await page.goto(`${hub.httpUrl}/`);
    await page.getByLabel('Name').fill(as.name);
    await page.getByLabel('Password').fill(as.password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }
  await page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
  return page;
}

/** `openPanel`, then the settings; resolves once they show (the hub's health, which every user sees). */
export async function openSettings(
  browser: Browser,
  hub: TestHub,
  as: Parameters<typeof openPanel>[2],
  scheme: 'light' | 'dark',
  viewport?: { width: number; height: number },
): Promise<Page> {
  const page = await openPanel(browser, hub, as, { scheme, viewport });
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Hub health' }).waitFor({ timeout: 15_000 });
  return page;
}
