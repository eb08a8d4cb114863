/**
 * Writes a snapshot of generated data (tools/generate `openStore`) through the same code as
 * `cli import` (SnapshotBuilder → resolvePlacements → assembleSnapshot), without the detour
 * through ~1 GB of FHIR files. Offers, organisations and places only: search reads nothing
 * else. Run by search-dataset.ts in a child process with a larger heap.
 *
 * Usage: node --max-old-space-size=8192 --import tsx tools/bench/search-prepare.ts <scale> <seed> <out>
 * where <scale> is demo, region, national or eg<number of EG>.
 */
import { writeFileAtomic } from '../../cli/lib/snapshot-file'
import { loadCommuneCentroids } from '../../cli/lib/communes'
import { assembleSnapshot } from '../../core/snapshot/assemble'
import { SnapshotBuilder } from '../../core/snapshot/builder'
import { resolvePlacements } from '../../core/snapshot/resolve'
import type { Scale, ScaleCounts } from '../generate/store-types'
import { openStore } from '../generate/store'
import { CACHE_DIR } from './search-dataset'

const [scale, seedText, out] = process.argv.slice(2)
if (!scale || !seedText || !out) throw new Error('usage: search-prepare.ts <scale> <seed> <out>')
const t0 = performance.now()
// `eg180000` = a custom size (number of EG), e.g. to reach the issue's ≈400,000 offers.
const custom = /^eg(\d+)$/.exec(scale)
const storeScale: Scale | ScaleCounts = custom ? { eg: Number(custom[1]) } : (scale as Scale)
const store = await openStore({ scale: storeScale, seed: Number(seedText), cacheDir: CACHE_DIR })
const t1 = performance.now()
const builder = new SnapshotBuilder({ profile: 1 })
for (const type of ['Organization', 'Location', 'HealthcareService'] as const) {
  for (const id of store.ids(type)) builder.add(store.get(type, id), 'generated')
}
const build = builder.finish()
const t2 = performance.now()
const geo = await loadCommuneCentroids()
const placements = resolvePlacements(build.all(), geo.centroid)
const parts = assembleSnapshot(build, {
  profile: 1,
  placements,
  source: { kind: 'import', files: [`generated ${scale} seed ${seedText}`] },
})
await writeFileAtomic(out, parts)
const t3 = performance.now()
process.stderr.write(
  `bench: ${JSON.stringify(build.stats.counts)} — generate ${((t1 - t0) / 1000).toFixed(0)} s, ` +
    `map ${((t2 - t1) / 1000).toFixed(0)} s, write ${((t3 - t2) / 1000).toFixed(0)} s, ` +
    `${(parts.reduce((n, p) => n + p.length, 0) / 1e6).toFixed(0)} MB\n`,
)
