import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const root = import.meta.dirname

/**
 * Desktop build: out/main (ESM, Node side), out/preload (CommonJS: Electron's sandboxed
 * preloads cannot be ES modules), out/renderer (served on app:// by main/protocol.ts).
 * Nothing is externalised except `electron` and Node built-ins: package.json has no runtime
 * `dependencies`, so the packaged asar holds only out/ and package.json (npm run dist:check).
 */
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // The sync's worker threads (main/sync-workers.ts) load sync-worker.js next to index.js.
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/index.ts'),
          'sync-worker': resolve(root, 'main/sync-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    publicDir: false,
    // Module worker with code splitting: the sync engine is loaded on first use, not at start.
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves renderer code unminified; the UI bundle is 3× smaller minified.
      minify: true,
      sourcemap: false,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
})
