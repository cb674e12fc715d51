import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The hub `vite dev` forwards the API to; `hearth start` listens on 8080 by default. */
const hub = process.env.HEARTH_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Evergreen browsers only: no legacy bundle, and no module-preload polyfill to ship.
    target: 'es2022',
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api/websocket': { target: hub, ws: true },
      '/auth': hub,
      '/api': hub,
    },
  },
});
