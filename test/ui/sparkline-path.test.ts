import { describe, expect, it } from 'vitest';
import { SPARKLINE_HEIGHT, SPARKLINE_WIDTH, sparklinePath } from '../../ui/src/components/sparkline-path.ts';
import type { Point } from '../../ui/src/store/sensor-history.ts';

/** Every x and y of a path of M, L and H commands. */
function coordinates(path: string): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [, command, args] of path.matchAll(/([MLH])([^MLH]*)/g)) {
    const numbers = (args ?? '').trim().split(/\s+/).map(Number);
    if (command === 'H') xs.push(numbers[0] ?? Number.NaN);
    else {
      xs.push(numbers[0] ?? Number.NaN);
      ys.push(numbers[1] ?? Number.NaN);
    }
  }
  return { xs, ys };
}

const inBox = (path: string) => {
  const { xs, ys } = coordinates(path);
  expect(xs.length).toBeGreaterThan(0);
  expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...xs)).toBeLessThanOrEqual(SPARKLINE_WIDTH);
  expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...ys)).toBeLessThanOrEqual(SPARKLINE_HEIGHT);
};

describe('sparklinePath', () => {
  it('stays inside its box when readings arrive after the card last read the clock', () => {
    // History seconds old, and the card's clock five minutes behind the newest reading.
    const points: Point[] = [
      [1000, 20],
      [1002, 21],
      [1300, 19.5],
    ];
    inBox(sparklinePath(points, 1001));
  });

  it('spans from the first reading to now, a reading lasting until the next', () => {
    const path = sparklinePath(
      [
        [0, 10],
        [50, 20],
      ],
      100,
    );
    expect(path).toBe(`M0.0 ${SPARKLINE_HEIGHT - 2}.0H120.0L120.0 2.0H240.0`);
  });

  it('keeps only the last day, and breaks the line where the sensor was unavailable', () => {
    const day = 86_400;
    const path = sparklinePath(
      [
        [0, 5],
        [day, 6],
        [day + 10, null],
        [day + 20, 7],
      ],
      day + 40,
    );
    inBox(path);
    expect(path.match(/M/g)).toHaveLength(2);
  });

  it('draws a reading that never moved as a level line across the middle', () => {
    expect(sparklinePath([[0, 3]], 10)).toBe(`M0.0 ${SPARKLINE_HEIGHT / 2}.0H240.0`);
  });

  it('draws nothing without a number', () => {
    expect(sparklinePath([[0, null]], 10)).toBe('');
  });
});
