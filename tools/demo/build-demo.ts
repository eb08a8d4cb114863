/**
 * Rebuilds the bundled demo snapshot (`data/demo/demo.snap`) through the real import path:
 * the synthetic generator writes fictitious ROR FHIR as NDJSON, then the CLI `import`
 * command validates, filters (access profile 2) and maps it, exactly as for real ROR files.
 *
 *   npm run demo:build
 *
 * Deterministic: the same seed gives the same records (only the creation date changes).
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')
const out = resolve(root, 'data/demo/demo.snap')
/** A DAC coordinator's usual access: everything except « très restreint » data. */
const PROFILE = '2'
const SEED = '1'

function run(args: string[]): void {
  const result = spawnSync('npx', ['tsx', ...args], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    throw new Error(`La commande a échoué (${result.status}) : tsx ${args.join(' ')}`)
  }
}

const work = await mkdtemp(join(tmpdir(), 'ror-demo-'))
try {
  run([
    'tools/generate/main.ts',
    '--scale',
    'demo',
    '--seed',
    SEED,
    '--format',
    'ndjson',
    '--out',
    work,
  ])
  const inputs = (await readdir(work))
    .filter((f) => f.endsWith('.ndjson'))
    .map((f) => join(work, f))
  run(['cli/index.ts', 'import', '--profile', PROFILE, '--demo', '--out', out, ...inputs])
  console.error(`Instantané de démonstration écrit : ${out}`)
} finally {
  await rm(work, { recursive: true, force: true })
}
