/**
 * Cold start, run in a fresh Node process by search.ts: from an existing snapshot file to the
 * first result, with the heap at the end. Mode `persisted` loads the index saved next to the
 * snapshot (the normal start); mode `built` removes it first, so the records are decoded and
 * the index built and saved (the first start after an import or a sync). One JSON line out.
 *
 * Usage: node --expose-gc --import tsx tools/bench/search-cold.ts <snapshot> <mode> <query-json>
 */
import { rmSync } from 'node:fs'
import { loadSearchIndex } from '../../cli/lib/search-index'
import { search } from '../../core/search/search'
import type { SearchQuery } from '../../core/search/types'

const gc = (globalThis as { gc?: () => void }).gc

function memory(): { heapUsed: number; arrayBuffers: number; rss: number } {
  gc?.()
  const m = process.memoryUsage()
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss }
}

const [path, mode, queryJson] = process.argv.slice(2)
if (!path || (mode !== 'persisted' && mode !== 'built') || !queryJson) {
  throw new Error('usage: search-cold.ts <snapshot> persisted|built <query-json>')
}
if (mode === 'built') rmSync(`${path}.search-index`, { force: true })
const before = memory()
const t0 = performance.now()
const loaded = await loadSearchIndex(path)
const result = search(loaded.index, JSON.parse(queryJson) as SearchQuery)
const toFirstResultMs = performance.now() - t0
const after = memory()
process.stdout.write(
  JSON.stringify({
    source: loaded.source,
    steps: { ...loaded.timings, 'first query': result.timings.totalMs },
    toFirstResultMs,
    before,
    after,
    uptimeMs: process.uptime() * 1000,
  }) + '\n',
)
