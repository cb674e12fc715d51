import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** The bridge's own entry point: `hearth bridge` as a program of its own. */
export const BRIDGE_ENTRY = fileURLToPath(new URL('../bridge-main.ts', import.meta.url));

// The bundle is an ES module, but serialport, mqtt and firmata-io are CommonJS inside it and call
// `require` and `__dirname`: node-gyp-build finds serialport's addon at `__dirname/../prebuilds`,
// so with the bundle at lib/bridge.mjs the addons go to prebuilds/ beside lib/.
const COMMONJS_GLOBALS = [
  "import { createRequire as __hearthCreateRequire } from 'node:module';",
  "import { fileURLToPath as __hearthFileURLToPath } from 'node:url';",
  "import { dirname as __hearthDirname } from 'node:path';",
  'const require = __hearthCreateRequire(import.meta.url);',
  'const __filename = __hearthFileURLToPath(import.meta.url);',
  'const __dirname = __hearthDirname(__filename);',
].join(' ');

/**
 * `hearth bridge pack` is reached through `bridgeCommand`, but packing happens on a computer, never on
 * the Pi, and would drag esbuild itself into the bundle: in its place the bundle gets a stub.
 */
const leavePackingOut: Plugin = {
  name: 'hearth-leave-packing-out',
  setup(build) {
    build.onResolve({ filter: /[\\/]pack[\\/]pack-command\.ts$/ }, () => ({
      path: 'pack-command',
      namespace: 'hearth-not-on-the-pi',
    }));
    build.onLoad({ filter: /.*/, namespace: 'hearth-not-on-the-pi' }, () => ({
      contents:
        "export async function packCommand() { throw new Error('hearth bridge pack runs on a computer with the hearth checkout, not on the Pi'); }",
      loader: 'js',
    }));
  },
};

/**
 * The bridge and every package it uses in one file (esbuild), for the Node runtime the Pi gets.
 * Not minified, so that a stack trace on the Pi names the function it happened in.
 */
export async function bundleBridge(entry: string = BRIDGE_ENTRY): Promise<Buffer> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest runtime packed (armv7's).
    target: 'node20',
    banner: { js: COMMONJS_GLOBALS },
    write: false,
    outfile: 'bridge.mjs',
    logLevel: 'silent',
    plugins: [leavePackingOut],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no bundle');
  return Buffer.from(output.contents);
}
