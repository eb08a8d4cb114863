import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const root = import.meta.dirname

/**
 * Browser mode: the same renderer served on 127.0.0.1 with the web platform adapter, for
 * machines where the Electron binary cannot be installed and for the Chromium e2e suite.
 * electron-vite's renderer-only dev server needs the Electron binary, hence this config.
 */
export default defineConfig({
  root: resolve(root, 'renderer'),
  plugins: [react()],
  publicDir: false,
  // Module worker with code splitting: the sync engine is loaded on first use, not at start.
  worker: { format: 'es' },
  build: {
    outDir: resolve(root, 'out/renderer-web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    fs: { allow: [root] },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
})
