import { describe, expect, it } from 'vitest';
import { formatUptime } from '../../ui/src/components/settings/HealthSettings.tsx';
import { boundLabel } from '../../ui/src/components/settings/RoundTripChart.tsx';

describe('the health figures, as the panel writes them', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [60, '1 min'],
    [125, '2 min 5 s'],
    [3600, '1 h'],
    [3725, '1 h 2 min'],
    [86_400 + 30, '1 d'],
    [3 * 86_400 + 4 * 3600 + 59, '3 d 4 h'],
  ])('uptime %d s is %s', (seconds, text) => {
    expect(formatUptime(seconds)).toBe(text);
  });

  it.each([
    [5, '5'],
    [250, '250'],
    [1000, '1k'],
    [2500, '2.5k'],
    [undefined, '+∞'],
  ])('a bucket bound of %s ms is labelled %s', (ms, text) => {
    expect(boundLabel(ms)).toBe(text);
  });
});
