/** The printed table of `bench sync-browser` (figures for the README's performance section). */
import type { Checks, SyncRun } from './sync-browser-run'
import { mb, table } from './stats'

export interface Report {
  scale: string
  seed: number
  changes: number
  /** V8 flags Chromium was started with (`--app-flags`), or ''. */
  jsFlags: string
  loadAverage: { before: number[]; after: number[] }
  full: SyncRun
  fullChecks: Checks
  delta?: SyncRun
  deltaChecks?: Checks | undefined
  rendererHwmMb: number
  sandboxPeakBytes: number
  pageErrors: string[]
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const perSecond = (n: number, ms: number) => `${Math.round(n / Math.max(ms / 1000, 1e-9))}/s`

function syncRows(name: string, run: SyncRun, checks: Checks | undefined): (string | number)[][] {
  const rows: (string | number)[][] = [
    [
      `${name}: ${run.ok ? 'OK' : 'FAILED'} (${run.mode ?? '?'})`,
      seconds(run.wallMs),
      `${perSecond(run.records, run.wallMs)} records end to end`,
      `${run.records} records, ${run.offers} offers, ${mb(run.bytes)} downloaded`,
    ],
  ]
  for (const phase of run.phases) {
    const rate = run.rates[phase.name]
    const memory =
      phase.rendererPeakMb === undefined
        ? ''
        : `peak: renderer ${phase.rendererPeakMb} MB, worker JS ` +
          `${phase.workerPeakMb === undefined ? '(busy, no reading)' : `${phase.workerPeakMb} MB`}`
    rows.push([
      `  ${phase.name}`,
      seconds(phase.ms),
      rate ? `${rate}/s (engine's meter)` : '',
      memory,
    ])
  }
  rows.push(
    [
      '  progress bar shown after',
      `${run.progressShownMs} ms`,
      `${run.progressEvents} progress events`,
      '',
    ],
    [
      '  renderer peak RSS (page + worker)',
      `${run.memory.rendererPeakMb} MB`,
      `${run.memory.rendererAtEndMb} MB after (${run.memory.rendererPurgedMb} MB after GC + purge); ` +
        `worker JS peak ${run.memory.workerPeakMb} MB`,
      `all Chromium processes: peak ${run.memory.allPeakMb} MB (summed)`,
    ],
    [
      '  IndexedDB on disk',
      mb(run.idb.afterBytes),
      `peak ${mb(run.idb.peakBytes)}`,
      `navigator.storage usage ${mb(run.idb.usageBytes)}`,
    ],
    [
      '  UI thread: longest frame gap',
      `${run.ui.maxFrameGapMs} ms`,
      `${run.ui.longFrames.length} frames > 250 ms`,
      run.ui.longFrames.map((f) => `${f.gapMs} ms in ${f.phase}`).join(', '),
    ],
  )
  if (!run.ok) rows.push(['  error', run.text, '', ''])
  for (const note of checks?.notes ?? []) rows.push(['  check', checks?.ok ? 'ok' : '!', note, ''])
  return rows
}

export function printReport(r: Report): void {
  const rows = syncRows('full sync', r.full, r.fullChecks)
  if (r.delta) rows.push(...syncRows(`delta sync, ${r.changes} changes`, r.delta, r.deltaChecks))
  rows.push(
    ['renderer VmHWM over the run', `${Math.round(r.rendererHwmMb)} MB`, 'target ≤ 1.5 GB', ''],
    ['sandbox process peak RSS', mb(r.sandboxPeakBytes), '', ''],
  )
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ')
  process.stdout.write(
    `\nROR hors ligne — browser-mode sync in headless Chromium (${r.scale}, seed ${r.seed}, ` +
      `profile 0${r.jsFlags ? `, --js-flags=${r.jsFlags}` : ''})\nload average before ${load(r.loadAverage.before)}, after ` +
      `${load(r.loadAverage.after)} (2 cores)\n\n`,
  )
  process.stdout.write(`${table(['measure', 'value', 'figure', 'note'], rows)}\n`)
  process.stdout.write(
    "worker JS: the workers' JavaScript heaps + ArrayBuffer backing stores (DevTools protocol;" +
      ' the engine worker, plus the sync worker it starts for a sync); most of the renderer ' +
      'peak is garbage a worker has not collected yet, as « after GC + purge » shows.\n',
  )
  if (r.pageErrors.length > 0) {
    process.stdout.write(`page errors:\n${r.pageErrors.map((e) => `  ${e}`).join('\n')}\n`)
  }
}
