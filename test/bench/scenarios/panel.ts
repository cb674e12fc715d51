import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../../helpers/launch-chromium.ts';
import { startBenchHub } from '../bench-hub.ts';
import type { Scenario } from '../bench-scenario.ts';
import { formatLatency, summarizeLatencies } from '../latency-summary.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ASSETS = `${ROOT}ui/dist/assets/`;
/** DESIGN §7. */
const MAX_GZIPPED_KB = 50;
const FRAME_MS = 1000 / 60;

/**
 * Scenario 5: the panel's JavaScript, gzipped, and in Chromium the time from a click on a light's
 * toggle to the paint that shows it pending, and to the paint that shows it confirmed, from the
 * panel's own `performance.mark`s (ui/src/store/mark-with-paint.ts).
 */
export const panel: Scenario = {
  name: 'panel',
  title: 'panel: JavaScript gzipped; in Chromium, click → pending paint and → confirmed paint',
  async run(report, options) {
    // Measure the panel as the sources are now, not a stale build.
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    const scripts = readdirSync(ASSETS).filter((name) => name.endsWith('.js'));
    let raw = 0;
    let gzipped = 0;
    for (const name of scripts) {
      const bytes = readFileSync(`${ASSETS}${name}`);
      raw += bytes.length;
      gzipped += gzipSync(bytes, { level: 9 }).length;
    }
    const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
    report.figure(
      'javascript',
      `${kb(gzipped)} KB gzipped (${kb(raw)} KB raw, ${scripts.length} file${scripts.length === 1 ? '' : 's'}; target ≤ ${MAX_GZIPPED_KB} KB)`,
      { gzippedKb: kb(gzipped), rawKb: kb(raw), files: scripts, target: kb(gzipped) <= MAX_GZIPPED_KB },
    );

    const bench = await startBenchHub({ devices: 100, profile: options.profile });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(bench.hub.loginUrl);
      await page.locator('[data-connection="connected"]').waitFor({ timeout: 30_000 });
      const card = page.locator('[data-entity-id^="light."][data-available="true"]').first();
      await card.waitFor();
      const entityId = (await card.getAttribute('data-entity-id')) ?? '';
      const toggle = card.locator('button[role="switch"]');
      const clicks = options.quick ? 10 : 50;
      const warmup = 5;
      for (let i = 0; i < warmup + clicks; i++) {
        if (i === warmup) await page.evaluate(() => performance.clearMarks());
        const before = await toggle.getAttribute('aria-checked');
        await toggle.click();
        await page.waitForFunction(
          ({ id, before }) => {
            const card = document.querySelector(`[data-entity-id="${id}"]`);
            const control = card?.querySelector('button[role="switch"]');
            return (
              card?.getAttribute('data-pending') === 'false' &&
              control?.getAttribute('aria-checked') !== before
            );
          },
          { id: entityId, before },
        );
        // The confirmed paint mark comes a frame after the DOM says confirmed.
        await page.waitForFunction(
          (name) => performance.getEntriesByName(name).length > 0,
          `hearth:confirmed:${entityId}:paint`,
        );
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
        );
      }
      // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
      const marks = (await page.evaluate(`(() => {
        const times = (name) => performance.getEntriesByName(name).map((entry) => entry.startTime);
        const id = ${JSON.stringify(entityId)};
        return {
          click: times('hearth:click:' + id),
          pendingPaint: times('hearth:click:' + id + ':paint'),
          confirmedPaint: times('hearth:confirmed:' + id + ':paint'),
        };
      })()`)) as { click: number[]; pendingPaint: number[]; confirmedPaint: number[] };
      const pending = marks.click.map((t, i) => (marks.pendingPaint[i] ?? Number.NaN) - t);
      const confirmed = marks.click.map((t, i) => (marks.confirmedPaint[i] ?? Number.NaN) - t);
      const pendingFigures = summarizeLatencies(pending);
      const confirmedFigures = summarizeLatencies(confirmed);
      report.figure(
        'click → pending paint',
        `${formatLatency(pendingFigures)}; within one frame (${FRAME_MS.toFixed(1)} ms): ${pending.filter((ms) => ms <= FRAME_MS).length}/${pending.length}`,
        { ...pendingFigures, withinFrame: pending.filter((ms) => ms <= FRAME_MS).length, entityId },
      );
      report.figure('click → confirmed paint', formatLatency(confirmedFigures), confirmedFigures);
    } finally {
      await browser.close();
      await bench.stop();
    }
  },
};
