/**
 * The benchmark's snapshot, generated once per scale and seed and cached under .cache/bench/
 * (the generator caches its own dataset there too). See search-prepare.ts.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { GENERATOR_VERSION } from '../generate/store'

export const CACHE_DIR = resolve(import.meta.dirname, '../../.cache/bench')

/** Path of the cached snapshot for a scale and seed, preparing it if needed. */
export function ensureSnapshot(scale: string, seed: number): string {
  mkdirSync(CACHE_DIR, { recursive: true })
  // Keyed by the generator's version: a cached snapshot of older generated data is not reused.
  const snapshot = join(CACHE_DIR, `${scale}-seed${seed}-g${GENERATOR_VERSION}.snap`)
  if (existsSync(snapshot)) return snapshot
  process.stderr.write(`bench: preparing the ${scale} snapshot (seed ${seed}), once…\n`)
  const res = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      resolve(import.meta.dirname, 'search-prepare.ts'),
      scale,
      String(seed),
      snapshot,
    ],
    { cwd: resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'inherit', 'inherit'] },
  )
  if (res.status !== 0) {
    throw new Error(`preparing the ${scale} snapshot failed (exit ${res.status ?? res.signal})`)
  }
  return snapshot
}
