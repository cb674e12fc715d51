import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { README } from './readme-blocks.ts';
import { TOUR_SHOTS, takeTourScreenshots } from './tour-screenshots.ts';

const DOCS = fileURLToPath(new URL('../../docs/tour/', import.meta.url));
// The script's own output goes to the artifacts, so that the suite never changes docs/.
const OUT = fileURLToPath(new URL('../artifacts/tour/', import.meta.url));
const MAX_BYTES = 150 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is a PNG`).toBe(true);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("the README's tour of the panel", () => {
  const linked = [...readFileSync(README, 'utf8').matchAll(/\]\((docs\/tour\/[^)]+)\)/g)].map(
    (m) => m[1] as string,
  );

  it('links every screenshot the script takes, and only those, each committed in docs/tour', () => {
    expect(linked.map((link) => path.basename(link)).sort()).toEqual(Object.keys(TOUR_SHOTS).sort());
    for (const link of linked) {
      const file = fileURLToPath(new URL(`../../${link}`, import.meta.url));
      expect(existsSync(file), `${link} is committed`).toBe(true);
      expect(statSync(file).size).toBeLessThan(MAX_BYTES);
      pngSize(file);
    }
  });

  it('npm run docs:screenshots takes them from the real demo: small PNGs at one pixel per CSS pixel', async () => {
    const files = await takeTourScreenshots(OUT);
    expect(files.map((file) => path.basename(file))).toEqual(Object.keys(TOUR_SHOTS));
    for (const file of files) {
      expect(statSync(file).size, file).toBeLessThan(MAX_BYTES);
      const { width, height } = pngSize(file);
      expect(width).toBeLessThanOrEqual(1100);
      expect(height).toBeLessThanOrEqual(760);
    }
    // The same views as the committed ones.
    for (const name of Object.keys(TOUR_SHOTS))
      expect(pngSize(path.join(OUT, name))).toEqual(pngSize(path.join(DOCS, name)));
  }, 120_000);
});
