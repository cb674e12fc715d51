import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../../firmware-bridge/pack/progress-bar.ts';

describe('createProgressBar', () => {
  it('redraws a bar in place on a terminal, at most every 100 ms', () => {
    let written = '';
    let now = 0;
    const bar = createProgressBar(
      { isTTY: true, write: (text) => (written += text) },
      'downloading',
      50e6,
      () => now,
    );
    now = 1000;
    bar.update(20e6);
    bar.update(21e6); // within 100 ms: not drawn
    now = 1200;
    bar.update(50e6);
    bar.finish('done');
    expect(written.split('\r')).toEqual([
      `downloading [${'.'.repeat(30)}]   0%  0.0/50.0 MB`,
      `downloading [${'#'.repeat(12)}${'.'.repeat(18)}]  40%  20.0/50.0 MB`,
      `downloading [${'#'.repeat(30)}] 100%  50.0/50.0 MB`,
      `downloading [${'#'.repeat(30)}] 100%  50.0/50.0 MB  done\n`,
    ]);
  });

  it('writes a line at the start and one at the end into a pipe or a log', () => {
    let written = '';
    const bar = createProgressBar({ write: (text) => (written += text) }, 'downloading', 37.2e6);
    bar.update(10e6);
    bar.finish('done');
    expect(written).toBe('downloading (37.2 MB)…\ndownloading: done\n');
  });
});
