import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import { runCli } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

const OWNER = { name: 'ada', password: 'correct horse battery' };
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

describe('people in the panel: onboarding, login, tokens', () => {
  let hub: TestHub;
  let browser: Browser;
  /** One person's browser, from the first start on. */
  let profile: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensurePanelBuilt();
    hub = await startTestHub({ withoutUser: true });
    browser = await launchChromium();
    profile = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await profile.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  const connected = () => page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
  const rest = (token: string) =>
    fetch(`${hub.httpUrl}/api/states`, { headers: { Authorization: `Bearer ${token}` } }).then(
      (r) => r.status,
    );

  it('creates the owner on the first start, and is signed in', async () => {
    await page.goto(`${hub.httpUrl}/`);
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}panel-onboarding.png` });
    await page.getByLabel('Name').fill(OWNER.name);
    await page.getByLabel('Password (8 characters or more)').fill(OWNER.password);
    await page.getByLabel('Repeat the password').fill('something else');
    await page.getByRole('button', { name: 'Create the owner' }).click();
    await page.getByText('The two passwords differ.').waitFor();
    await page.getByLabel('Repeat the password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create the owner' }).click();
    await connected();
    const users = await runCli(['user', 'list', '--data', hub.dataDir]);
    expect(users.stdout).toMatch(/^ada\towner\tpassword/);
  });

  it('keeps only a refresh token between visits, never a token in the address, and stays signed in on reload', async () => {
    const stored = await page.evaluate(() => ({ ...localStorage }));
    expect(Object.keys(stored)).toEqual(['hearth.refreshToken']);
    expect(page.url()).toBe(`${hub.httpUrl}/`);
    await page.reload();
    await connected();
  });

  it('names, shows once, lists and revokes a long-lived token in the settings', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('Logged in as ada.').waitFor();
    await page.locator('.token', { hasText: 'this browser' }).waitFor();
    await page.getByLabel('What it is for').fill('backup script');
    await page.getByLabel('Valid for').selectOption('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.locator('[data-token]');
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(await rest(token)).toBe(200);

    const row = page.locator('.token[data-kind="long_lived_access_token"]', { hasText: 'backup script' });
    await row.waitFor();
    await page.screenshot({ path: `${ARTIFACTS}panel-settings.png`, fullPage: true });
    expect(await row.textContent()).toContain('expires');
    const listed = await runCli(['token', 'list', '--data', hub.dataDir]);
    expect(listed.stdout).toMatch(/\tbackup script\tlong_lived\tada\t/);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await rest(token)).toBe(401);
  });

  it('logs out, refuses a wrong password with the reason, and logs in with the right one', async () => {
    await page.getByRole('button', { name: 'Log out' }).first().click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.getByLabel('Name').fill(OWNER.name);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid username or password.' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}panel-login.png` });
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await connected();
    // The logout revoked the first session: only this one is left.
    const sessions = (await runCli(['token', 'list', '--data', hub.dataDir])).stdout
      .split('\n')
      .filter((line) => line.includes('\tsession\t'));
    expect(sessions).toHaveLength(1);
  });

  it('sends a panel whose session was revoked elsewhere back to the login', async () => {
    const sessions = (await runCli(['token', 'list', '--data', hub.dataDir])).stdout
      .split('\n')
      .filter((line) => line.includes('\tsession\t'));
    const id = sessions[0]?.split('\t')[0] as string;
    expect((await runCli(['token', 'revoke', id, '--data', hub.dataDir])).code).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 20_000 });
    await page.getByText('Your session has ended; log in again.').waitFor();
  });
});
