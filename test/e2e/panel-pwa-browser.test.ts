import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePanelBuilt } from '../helpers/ensure-panel-built.ts';
import { launchChromium } from '../helpers/launch-chromium.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';

interface ManifestAnswer {
  url: string;
  errors: { message: string; critical: number }[];
  data?: string;
}

describe('the panel installs as an app: a web app manifest and an app-shell service worker', () => {
  let hub: TestHub;
  let browser: Browser;
  let profile: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensurePanelBuilt();
    hub = await startTestHub();
    browser = await launchChromium();
    profile = await browser.newContext({ viewport: { width: 900, height: 700 } });
    page = await profile.newPage();
    await page.goto(hub.loginUrl);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('serves the panel with a CSP that allows its own manifest and worker, and nothing else', async () => {
    const csp = (await fetch(`${hub.httpUrl}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("manifest-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    const manifest = await fetch(`${hub.httpUrl}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
  });

  it('links a manifest that Chromium parses without errors, with icons for home screens', async () => {
    const cdp = await profile.newCDPSession(page);
    const answer = (await cdp.send('Page.getAppManifest')) as ManifestAnswer;
    expect(answer.url).toBe(`${hub.httpUrl}/manifest.webmanifest`);
    expect(answer.errors).toEqual([]);
    const manifest = JSON.parse(answer.data ?? '{}');
    expect(manifest).toMatchObject({ name: 'hearth', display: 'standalone', start_url: '/' });
    const sizes = (manifest.icons as { sizes: string; purpose: string }[]).map(
      (i) => `${i.sizes} ${i.purpose}`,
    );
    expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const response = await fetch(`${hub.httpUrl}${icon.src}`);
      expect(response.status, icon.src).toBe(200);
      expect(response.headers.get('content-type')).toBe(icon.type);
    }
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // Playwright's browser contexts are incognito, which Chromium names as the one thing in the way.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  });

  it('caches the app shell only, never an API answer or a token', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
      `${hub.httpUrl}/sw.js`,
    );
    // A REST call from the page, with its token: it must pass by the cache.
    await page.evaluate(
      (token) =>
        fetch('/api/states', { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status),
      hub.token,
    );
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys())
          urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain('/');
    expect(cached.some((path) => path.startsWith('/assets/'))).toBe(true);
    for (const path of cached) expect(path).toMatch(/^\/(assets\/.+|[\w.-]*)$/);
    expect(cached.filter((path) => /^\/(api|auth)\b/.test(path))).toEqual([]);
  });

  it('opens from the cache when the hub cannot be reached, and says it is connecting', async () => {
    await profile.setOffline(true);
    try {
      await page.reload();
      await page.locator('.brand').first().waitFor({ timeout: 15_000 });
      expect(await page.title()).toBe('hearth');
    } finally {
      await profile.setOffline(false);
    }
  });
});
