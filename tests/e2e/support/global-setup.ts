import { resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { build, preview } from 'vite'
import { findChromium } from './chromium'

const root = resolve(import.meta.dirname, '../../..')

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    chromePath: string
  }
}

/**
 * Builds the browser-mode app once and serves it on 127.0.0.1 for the whole e2e run.
 * Chromium is located first so a missing browser fails fast with install instructions.
 */
export default async function setup(project: TestProject) {
  const chromePath = findChromium()
  const configFile = resolve(root, 'vite.web.config.ts')
  await build({ configFile, logLevel: 'warn' })
  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  })
  const baseUrl = server.resolvedUrls?.local[0]
  if (!baseUrl) throw new Error('Le serveur de prévisualisation n’a pas donné d’adresse locale')
  project.provide('baseUrl', baseUrl)
  project.provide('chromePath', chromePath)
  return async () => {
    await server.close()
  }
}
