/**
 * `npm run bench -- sync [--scale national] [--seed 1] [--profile 1] [--changes 5000]
 * [--idb-rows 300] [--no-chromium]`: the snapshot sync against the local sandbox (issue 5).
 *
 * 1. starts the sandbox in its own process (generated data cached under .cache/bench);
 * 2. full sync with the real CLI in a child process — end-to-end time, peak memory of both
 *    processes, time per phase;
 * 3. `$sandbox/mutate` of N changes, then a delta with the CLI;
 * 4. stage rates on real inputs: parse and map (one export file), store (the write phase of
 *    the full sync), index (search index build on the synced snapshot);
 * 5. IndexedDB write rate in headless Chromium with real records: the file's compressed chunk
 *    rows (as the app stores them) and record objects packed 1000 per row.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { SnapshotReader } from '../../core/snapshot/codec'
import { CACHE_DIR } from './search-dataset'
import { measureIdb, type IdbRates } from './sync-idb'
import {
  phaseTimes,
  runCliSync,
  startSandboxProcess,
  type CliRun,
  type SandboxProcess,
} from './sync-procs'
import { indexBuild, parseAndMap } from './sync-stages'
import { mb, table } from './stats'

const HEADERS = {
  'Ror-Profil-Utilisateur-Code': 'CU20',
  'Ror-Profil-Utilisateur-System': '1.2.250.1.213.1.6.1.66',
  'Ror-Role-Metier-Code': 'AUTOMATE',
  'Ror-Role-Metier-System': '1.2.250.1.213.1.1.4.6',
}

/** One `$export` output file, fetched by hand (the sync itself deletes what it staged). */
async function oneExportFile(url: string, clientId: string): Promise<Uint8Array> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: 'sandbox',
  })
  const token = (
    (await (await fetch(`${url}/auth/token`, { method: 'POST', body: form })).json()) as {
      access_token: string
    }
  ).access_token
  const headers = { ...HEADERS, Authorization: `Bearer ${token}` }
  const kick = await fetch(`${url}/fhir/$export?_type=HealthcareService`, {
    headers: { ...headers, Prefer: 'respond-async' },
  })
  const poll = kick.headers.get('content-location')!
  for (;;) {
    const res = await fetch(poll, { headers })
    if (res.status === 200) {
      const manifest = (await res.json()) as { output: { url: string }[] }
      return new Uint8Array(await (await fetch(manifest.output[0]!.url, { headers })).arrayBuffer())
    }
    await new Promise((r) => setTimeout(r, 500))
  }
}

function summaryOf(run: CliRun, what: string): Record<string, unknown> {
  if (run.code !== 0)
    throw new Error(`${what} failed (exit ${run.code}):\n${run.stderr.slice(-2000)}`)
  return JSON.parse(run.stdout) as Record<string, unknown>
}

const rate = (items: number, seconds: number) => Math.round(items / Math.max(seconds, 1e-9))

const log = (line: string) => process.stderr.write(`bench sync: ${line}\n`)

/** Full sync, N changes, delta — both syncs by the real CLI in a child process. */
async function fullThenDelta(sandbox: SandboxProcess, args: string[], changes: number) {
  log('full sync (cli, child process)…')
  const full = await runCliSync([...args, '--full'], (l) => /s\] [A-Z]/.test(l) && log(l))
  const fullSummary = summaryOf(full, 'full sync')
  log(`mutating ${changes} resources…`)
  await fetch(`${sandbox.url}/$sandbox/mutate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ changes }),
  })
  log('delta sync (cli, child process)…')
  const delta = await runCliSync(args)
  return {
    fullSummary,
    deltaSummary: summaryOf(delta, 'delta sync'),
    phases: Object.fromEntries(phaseTimes(full.stderr)),
    deltaPhases: Object.fromEntries(phaseTimes(delta.stderr)),
    full: { seconds: full.seconds, peakBytes: full.peakBytes, cpuSeconds: full.cpuSeconds },
    delta: { seconds: delta.seconds, peakBytes: delta.peakBytes, cpuSeconds: delta.cpuSeconds },
  }
}

/** IndexedDB rates in Chromium with the first chunk of the synced snapshot as sample. */
async function idbRates(out: string, rows: number): Promise<IdbRates | string> {
  log('IndexedDB in Chromium…')
  const reader = new SnapshotReader(new Uint8Array(readFileSync(out)))
  const sample = reader.chunk(0)
  const size = Math.round(JSON.stringify(sample).length / sample.length)
  log(
    `  sample: ${sample.length} ${reader.header.chunks[0]!.kind} records, ${size} bytes of JSON each`,
  )
  return measureIdb(sample, reader.chunkBytes(0), rows).catch((e: Error) => `failed: ${e.message}`)
}

export async function run(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scale: { type: 'string', default: 'national' },
      seed: { type: 'string', default: '1' },
      profile: { type: 'string', default: '1' },
      changes: { type: 'string', default: '5000' },
      'idb-rows': { type: 'string', default: '300' },
      'no-chromium': { type: 'boolean', default: false },
      /** Only the Chromium measure, on the snapshot a previous run left. */
      'idb-only': { type: 'boolean', default: false },
    },
  })
  const profile = Number(values.profile) as 0 | 1 | 2 | 3 | 4 | 5
  if (values['idb-only']) {
    const idb = await idbRates(
      join(CACHE_DIR, `sync-${values.scale}.snap`),
      Number(values['idb-rows']),
    )
    process.stdout.write(`${JSON.stringify(idb, null, 2)}\n`)
    return typeof idb === 'string' ? 1 : 0
  }
  log(`starting the sandbox (${values.scale}, seed ${values.seed})…`)
  const sandboxStart = performance.now()
  const sandbox = await startSandboxProcess([
    '--scale', values.scale, '--seed', values.seed, '--cache-dir', CACHE_DIR,
    '--export-delay-ms', '0', '--token-lifetime', '3600',
    // The export files are rendered once into the sandbox's cache (as the ROR prepares its
    // bulk files during the poll phase) so that serving them does not eat the client's core.
    '--prerender-export', values.profile,
  ]) // prettier-ignore
  log(`sandbox ready in ${((performance.now() - sandboxStart) / 1000).toFixed(1)} s`)
  const out = join(CACHE_DIR, `sync-${values.scale}.snap`)
  rmSync(out, { force: true })
  rmSync(`${out}.sync`, { recursive: true, force: true })
  const args = [
    '--server', `${sandbox.url}/fhir`, '--token-url', `${sandbox.url}/auth/token`,
    '--client-id', `profil-${profile}`, '--client-secret', 'sandbox', '--profile', String(profile),
    '--out', out,
  ] // prettier-ignore
  try {
    const syncs = await fullThenDelta(sandbox, args, Number(values.changes))
    log('stage rates…')
    const stages = parseAndMap(await oneExportFile(sandbox.url, `profil-${profile}`), profile)
    const index = indexBuild(out)
    const idb = values['no-chromium']
      ? 'not measured (--no-chromium)'
      : await idbRates(out, Number(values['idb-rows']))
    await sandbox.stop()
    const report = { ...syncs, sandboxPeakBytes: sandbox.memory.peak, stages, index, idb }
    const file = join(CACHE_DIR, `sync-${values.scale}-results.json`)
    writeFileSync(file, JSON.stringify(report, null, 2))
    print(report)
    process.stdout.write(`(results also in ${file})\n`)
    return 0
  } finally {
    if (sandbox.child.exitCode === null) await sandbox.stop()
  }
}

function print(r: {
  fullSummary: Record<string, unknown>
  deltaSummary: Record<string, unknown>
  phases: Record<string, number>
  deltaPhases: Record<string, number>
  full: { seconds: number; peakBytes: number; cpuSeconds: number }
  delta: { seconds: number; peakBytes: number; cpuSeconds: number }
  sandboxPeakBytes: number
  stages: ReturnType<typeof parseAndMap>
  index: { items: number; seconds: number }
  idb: IdbRates | string
}): void {
  const counts = r.fullSummary.counts as Record<string, number>
  const records = Object.values(counts).reduce((a, b) => a + b, 0)
  const resources = records - (counts.placement ?? 0)
  const bytes = r.fullSummary.bytes as number
  const p = r.phases
  const download = (p.map ?? 0) - (p.download ?? 0)
  const store = (p.done ?? 0) - (p.write ?? 0)
  const lines: (string | number)[][] = [
    [
      'download (+ parse + map, pipelined)',
      `${rate(resources, download)} res/s`,
      `${(bytes / 1e6 / download).toFixed(0)} MB/s`,
      download,
    ],
    [
      'parse (scan + JSON.parse, 1 file)',
      `${rate(r.stages.parse.items, r.stages.parse.seconds)} res/s`,
      `${(r.stages.bytesPerResource / 1000).toFixed(1)} kB/res`,
      r.stages.parse.seconds,
    ],
    [
      'map (validate + policy + map, 1 file)',
      `${rate(r.stages.map.items, r.stages.map.seconds)} res/s`,
      '',
      r.stages.map.seconds,
    ],
    ['finish (narrow)', '', '', (p.write ?? 0) - (p.map ?? 0)],
    ['store (encode + placements + file)', `${rate(records, store)} rec/s`, '', store],
    [
      'index (search index build)',
      `${rate(r.index.items, r.index.seconds)} rec/s`,
      '',
      r.index.seconds,
    ],
  ]
  if (typeof r.idb !== 'string') {
    lines.push([
      'IndexedDB write, Chromium (1000/row)',
      `${rate(r.idb.records, r.idb.writeSeconds)} rec/s`,
      `read ${rate(r.idb.records, r.idb.readSeconds)} rec/s`,
      r.idb.writeSeconds,
    ])
    const packed = r.idb.packedBytes
    if (packed) {
      lines.push([
        'IndexedDB write, compressed chunk rows',
        `${rate(r.idb.records, packed.writeSeconds)} rec/s`,
        `read ${rate(r.idb.records, packed.readSeconds)} rec/s, ${Math.round(packed.bytesPerRow / 1000)} kB/row`,
        packed.writeSeconds,
      ])
    }
  }
  process.stdout.write(
    `\nFull sync: ${resources} resources, ${records} records, ${mb(bytes)} downloaded\n`,
  )
  process.stdout.write(table(['stage', 'rate', '', 'seconds'], lines) + '\n\n')
  const dp = r.deltaPhases
  const targets: (string | number)[][] = [
    ['full sync end to end', `${r.full.seconds.toFixed(1)} s`, '≤ 90 s'],
    ['  CPU time of the sync process (all threads)', `${r.full.cpuSeconds.toFixed(1)} s`, ''],
    ['peak memory, sync process', mb(r.full.peakBytes), '≤ 1.5 GB'],
    ['peak memory, sandbox process', mb(r.sandboxPeakBytes), '≤ 1.5 GB'],
    ['delta sync end to end (cli start included)', `${r.delta.seconds.toFixed(1)} s`, '≤ 5 s'],
    ['  CPU time of the delta process', `${r.delta.cpuSeconds.toFixed(1)} s`, ''],
    ['  of which queries + map', `${((dp.write ?? 0) - (dp.delta ?? 0)).toFixed(1)} s`, ''],
    ['  of which merge + write', `${((dp.done ?? 0) - (dp.write ?? 0)).toFixed(1)} s`, ''],
    ['peak memory, delta process', mb(r.delta.peakBytes), '≤ 1.5 GB'],
    // The app stores a snapshot's chunks as the file has them (compressed rows, slot-store.ts):
    // that is the rate the target is about; record objects 1000 per row for comparison.
    [
      'IndexedDB write rate (as the app stores: compressed chunk rows)',
      typeof r.idb === 'string'
        ? r.idb
        : r.idb.packedBytes
          ? `${rate(r.idb.records, r.idb.packedBytes.writeSeconds)} rec/s`
          : 'not measured',
      '≥ 150,000 rec/s',
    ],
    [
      '  record objects, 1000 per row',
      typeof r.idb === 'string' ? '' : `${rate(r.idb.records, r.idb.writeSeconds)} rec/s`,
      '',
    ],
  ]
  process.stdout.write(table(['measure', 'value', 'target'], targets) + '\n')
  process.stdout.write(`delta changes: ${JSON.stringify(r.deltaSummary.changes)}\n`)
}
