/**
 * `npm run generate -- --scale <demo|region|national|N> --seed <n> [--out <dir>]
 *  [--format bundle|ndjson] [--bundle-size <n>] [--cache <dir>]`
 *
 * Generates the synthetic ROR dataset and writes it as FHIR files (Bundles of type collection
 * or NDJSON) for the CLI `import` command. A numeric scale is a number of establishments (EG).
 */
import { parseArgs } from 'node:util'
import type { ExportFormat } from './export-files'
import { exportStore } from './export-files'
import { openStore } from './store'
import type { Scale, ScaleCounts } from './store-types'

const USAGE =
  'Usage : npm run generate -- --scale <demo|region|national|N> --seed <n> [--out <dossier>] ' +
  '[--format bundle|ndjson] [--bundle-size <n>] [--cache <dossier>]'

class UsageError extends Error {
  override readonly name = 'UsageError'
}

function parseScale(text: string): Scale | ScaleCounts {
  if (text === 'demo' || text === 'region' || text === 'national') return text
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--scale « ${text} » invalide`)
  return { eg: n }
}

function parseInteger(text: string, flag: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} « ${text} » : entier attendu`)
  return n
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      format: { type: 'string', default: 'bundle' },
      'bundle-size': { type: 'string', default: '5000' },
      cache: { type: 'string', default: '.cache/ror-gen' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const scale = parseScale(values.scale)
  const seed = parseInteger(values.seed, '--seed')
  const format = values.format as ExportFormat
  if (format !== 'bundle' && format !== 'ndjson')
    throw new UsageError(`--format « ${format} » : bundle ou ndjson`)
  const scaleKey = typeof scale === 'string' ? scale : `eg${scale.eg}`
  const outDir = values.out ?? `.cache/generated/${scaleKey}-s${seed}`
  const started = performance.now()
  const store = await openStore({
    scale,
    seed,
    cacheDir: values.cache,
    onProgress: (phase, done, total) => process.stderr.write(`\r${phase} ${done}/${total}   `),
  })
  process.stderr.write(`\ndonnées prêtes en ${Math.round(performance.now() - started)} ms\n`)
  const manifest = await exportStore(store, {
    outDir,
    format,
    bundleSize: parseInteger(values['bundle-size'], '--bundle-size') || 5000,
    onProgress: (type, done, total) => process.stderr.write(`\r${type} ${done}/${total}   `),
  })
  process.stderr.write('\n')
  const counts = Object.entries(manifest.counts).map(([t, n]) => `${t} ${n}`)
  console.log(`${manifest.files.length} fichiers écrits dans ${outDir} (${counts.join(', ')})`)
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`)
  else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exitCode = 1
})
