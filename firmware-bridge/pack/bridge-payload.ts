import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProgressSink } from '../../hub/cli/progress.ts';
import { BUNDLE_PATH, CONFIG_PATH, INSTALL_DIR, NODE_PATH, UNIT_PATH } from './bridge-layout.ts';
import { bundleBridge } from './bundle-bridge.ts';
import { ensureNodeRuntime } from './node-runtime.ts';
import { systemdUnit } from './systemd-unit.ts';
import type { TargetArchInfo } from './target-arch.ts';

export interface PayloadFile {
  /** Where it goes on the Pi. */
  readonly target: string;
  /** Where it sits in a `hearth bridge pack` tarball, under `hearth-bridge/`. */
  readonly packPath: string;
  readonly mode: number;
  /** A file on this machine holding its contents. */
  readonly source: string;
}

export interface BridgePayload {
  readonly target: TargetArchInfo;
  readonly nodeVersion: string;
  readonly files: readonly PayloadFile[];
  /** Removes the generated files. */
  dispose(): Promise<void>;
}

export interface PayloadOptions {
  readonly target: TargetArchInfo;
  /** The bridge config's text, or none (a pack that keeps the Pi's config). */
  readonly configText?: string | undefined;
  readonly cacheDir: string;
  /** Told of the runtime's download (the first time) and of the bundling. */
  readonly progress: ProgressSink;
  /** The bridge program to bundle; the real one unless a test says otherwise. */
  readonly entry?: string;
}

const require = createRequire(import.meta.url);

/**
 * Everything the Pi gets, as one list that both `hearth flash` (into the image) and
 * `hearth bridge pack` (into a tarball and its install.sh) write out: the Node runtime, the bridge
 * bundle, serialport's addon, the systemd unit and the config. Generated files are staged in a
 * temporary folder until `dispose()`.
 */
export async function prepareBridgePayload(options: PayloadOptions): Promise<BridgePayload> {
  const { target } = options;
  const runtime = await ensureNodeRuntime(target, options);
  options.progress.step('bundling the bridge');
  const bundle = await bundleBridge(options.entry);
  const staging = await mkdtemp(path.join(tmpdir(), 'hearth-bridge-payload-'));
  try {
    const staged = async (name: string, contents: string | Buffer) => {
      const file = path.join(staging, name);
      await writeFile(file, contents);
      return file;
    };
    const prebuild = path.join(
      path.dirname(require.resolve('@serialport/bindings-cpp/package.json')),
      'prebuilds',
      target.prebuildDir,
      target.prebuildFile,
    );
    const addonTarget = `${INSTALL_DIR}/prebuilds/${target.prebuildDir}/${target.prebuildFile}`;
    const files: PayloadFile[] = [
      { target: NODE_PATH, packPath: 'bin/node', mode: 0o755, source: runtime.nodePath },
      {
        target: `${INSTALL_DIR}/LICENSE.node`,
        packPath: 'LICENSE.node',
        mode: 0o644,
        source: runtime.licensePath,
      },
      {
        target: BUNDLE_PATH,
        packPath: 'lib/bridge.mjs',
        mode: 0o644,
        source: await staged('bridge.mjs', bundle),
      },
      {
        target: addonTarget,
        packPath: addonTarget.slice(INSTALL_DIR.length + 1),
        mode: 0o644,
        source: prebuild,
      },
      {
        target: UNIT_PATH,
        packPath: path.basename(UNIT_PATH),
        mode: 0o644,
        source: await staged('hearth-bridge.service', systemdUnit()),
      },
    ];
    if (options.configText !== undefined) {
      files.push({
        target: CONFIG_PATH,
        packPath: 'bridge.json',
        mode: 0o600,
        source: await staged('bridge.json', options.configText),
      });
    }
    return {
      target,
      nodeVersion: runtime.version,
      files,
      dispose: () => rm(staging, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
