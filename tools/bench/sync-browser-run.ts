/**
 * One sync of `bench sync-browser` timed from the click to the result shown, with its phases
 * (from the engine's events as the UI thread got them), memory and IndexedDB size; and the
 * checks of the app afterwards.
 */
import type { Page } from 'playwright-core'
import { sampleMemory, type Monitor, type Sample } from './sync-browser-memory'
import {
  closeDialog,
  lastProgress,
  send,
  startSyncInDialog,
  takeRecord,
  waitForSyncEnd,
  type SyncForm,
  type TimedEvent,
} from './sync-browser-page'

export interface SyncRun {
  ok: boolean
  /** The dialog's result or error, as shown. */
  text: string
  mode: string | undefined
  /** Click on « Synchroniser » → result shown (index rebuilt, app searchable). */
  wallMs: number
  progressShownMs: number
  progressEvents: number
  /** Each phase with the peaks of its memory samples (renderer RSS, worker heap + buffers). */
  phases: Phase[]
  records: number
  offers: number
  /** Downloaded bytes and the phases' own rates (last progress event of each). */
  bytes: number
  rates: Record<string, number>
  memory: {
    rendererPeakMb: number
    allPeakMb: number
    rendererAtEndMb: number
    /** After a full GC and a memory-pressure purge: what the renderer really keeps. */
    rendererPurgedMb: number
    /** Engine worker: JS heap + ArrayBuffer backing stores (DevTools protocol). */
    workerPeakMb: number
  }
  idb: { peakBytes: number; afterBytes: number; usageBytes: number }
  /** The UI thread: longest gap between two frames, and the frames later than 250 ms. */
  ui: { maxFrameGapMs: number; longFrames: { phase: string; gapMs: number }[] }
  /** The memory samples (seconds since the click), for the JSON results only. */
  timeline: ({ s: number } & Omit<Sample, 't'>)[]
}

interface Status {
  offerCount: number
  manifest: { counts: Record<string, number>; accessProfile: number } | null
}

/** Runs one sync through the dialog and times it; logs progress every 15 s. */
export async function timeSync(
  page: Page,
  form: SyncForm,
  monitor: Monitor,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<SyncRun> {
  await takeRecord(page)
  monitor.segment()
  const t0 = Date.now()
  const progressShownMs = await startSyncInDialog(page, form)
  const ticker = setInterval(() => void logProgress(page, monitor, t0, log), 15_000)
  let end: { ok: boolean; text: string }
  try {
    end = await waitForSyncEnd(page, timeoutMs)
  } catch (error) {
    end = { ok: false, text: `no result after ${timeoutMs / 60_000} min (${String(error)})` }
  } finally {
    clearInterval(ticker)
  }
  const wallMs = Date.now() - t0
  log(`  ${end.ok ? 'done' : 'FAILED'} in ${(wallMs / 1000).toFixed(1)} s: ${end.text}`)
  const endAt = await pageNow(page)
  const measured = await afterEnd(page, monitor)
  await closeDialog(page)
  const { record, samples, status } = measured
  const counts = status.manifest?.counts ?? {}
  const phases = phasesOf(record.events, endAt)
  return {
    ...end,
    // A delta that falls back to a full sync sends a second `started` event.
    mode: record.events.findLast((e) => e.type === 'started')?.mode,
    wallMs,
    progressShownMs,
    progressEvents: record.events.filter((e) => e.type === 'progress').length,
    // Page clock → Node clock, to place the memory samples in the phases.
    phases: withMemory(phases, samples, Date.now() - (await pageNow(page))),
    timeline: samples.map(({ t, rendererMb, ...worker }) => ({
      s: Math.round((t - t0) / 100) / 10,
      rendererMb: Math.round(rendererMb),
      ...worker,
    })),
    records: Object.values(counts).reduce((a, b) => a + b, 0),
    offers: status.offerCount,
    bytes: record.events.findLast((e) => e.bytes !== undefined)?.bytes ?? 0,
    rates: lastRates(record.events),
    memory: measured.memory,
    idb: measured.idb,
    ui: {
      maxFrameGapMs: Math.round(record.maxFrameGapMs),
      longFrames: record.longFrames.map(({ at, gapMs }) => ({
        // The frame that came late ends the gap: the gap began `gapMs` before.
        phase: phaseAt(phases, at - gapMs),
        gapMs,
      })),
    },
  }
}

const pageNow = (page: Page) => page.evaluate(() => performance.now())

async function logProgress(
  page: Page,
  monitor: Monitor,
  t0: number,
  log: (line: string) => void,
): Promise<void> {
  const p = await lastProgress(page).catch(() => undefined)
  const where = p ? `${p.phase} ${p.done}/${p.total ?? '?'} ${p.unit}, ${p.rate}/s` : '…'
  log(
    `  ${Math.round((Date.now() - t0) / 1000)} s: ${where}; renderer ` +
      `${Math.round(monitor.latest.rendererMb)} MB (worker heap ${monitor.latest.workerMb} MB), ` +
      `IndexedDB ${Math.round(monitor.latest.idbBytes / 1e6)} MB`,
  )
}

/** Once the result shows: memory peaks, what a purge leaves, the page's record, storage. */
async function afterEnd(page: Page, monitor: Monitor) {
  const { samples, ...peaks } = monitor.segment()
  const rendererAtEndMb = Math.round(monitor.latest.rendererMb)
  await monitor.purge()
  const rendererPurgedMb = Math.round(sampleMemory(monitor.browser).rendererMb)
  const record = await takeRecord(page)
  const status = await send<Status>(page, 'engine:status', {})
  const usageBytes = await page.evaluate(async () => {
    type Nav = { storage: { estimate(): Promise<{ usage?: number }> } }
    const nav = (globalThis as unknown as { navigator: Nav }).navigator
    return (await nav.storage.estimate()).usage ?? 0
  })
  return {
    samples,
    record,
    status,
    memory: {
      rendererPeakMb: peaks.rendererPeakMb,
      allPeakMb: peaks.allPeakMb,
      workerPeakMb: peaks.workerPeakMb,
      rendererAtEndMb,
      rendererPurgedMb,
    },
    idb: { peakBytes: peaks.idbPeakBytes, afterBytes: monitor.idbBytesNow(), usageBytes },
  }
}

/** The last rate each phase reported (resources/s while downloading, records/s writing). */
function lastRates(events: readonly TimedEvent[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const e of events) if (e.type === 'progress' && e.phase && e.rate) out[e.phase] = e.rate
  return out
}

/**
 * Time per phase: each sync phase lasts until the next one; after the last records written,
 * the commit (counts verified from IndexedDB, pointer flipped), then the search index (built
 * from the stored records and persisted), then the UI until it shows the result.
 */
export function phasesOf(events: readonly TimedEvent[], endAt: number): Phase[] {
  const marks: { name: string; at: number }[] = []
  for (const e of events) {
    if (e.kind === 'sync' && e.type === 'phase' && e.phase !== marks.at(-1)?.name) {
      marks.push({ name: e.phase!, at: e.at })
    }
  }
  const lastWrite = events.findLast((e) => e.type === 'progress' && e.phase === 'write')
  if (lastWrite) marks.push({ name: 'commit (verify + activate)', at: lastWrite.at })
  const indexStart = events.find((e) => e.kind === 'progress' && e.phase === 'index')
  if (indexStart) marks.push({ name: 'search index (build + persist)', at: indexStart.at })
  const indexEnd = events.findLast((e) => e.kind === 'progress' && e.phase === 'index')
  if (indexEnd && indexEnd !== indexStart)
    marks.push({ name: 'until shown in the UI', at: indexEnd.at })
  marks.sort((a, b) => a.at - b.at)
  return marks.map((m, i) => ({
    name: m.name,
    at: m.at,
    ms: Math.round((marks[i + 1]?.at ?? endAt) - m.at),
  }))
}

/** The phase running at page time `at` ('before' / 'after' outside them). */
function phaseAt(phases: readonly Phase[], at: number): string {
  if (phases.length === 0 || at < phases[0]!.at) return 'before'
  return phases.findLast((p) => p.at <= at && at < p.at + p.ms)?.name ?? 'after'
}

export interface Phase {
  name: string
  /** Page clock (ms) at its start. */
  at: number
  ms: number
  rendererPeakMb?: number
  workerPeakMb?: number
}

/** Adds to each phase the peaks of the samples taken during it (`offset`: page → Node clock). */
function withMemory(phases: Phase[], samples: readonly Sample[], offset: number): Phase[] {
  return phases.map((phase) => {
    const from = phase.at + offset
    const during = samples.filter((s) => s.t >= from && s.t < from + phase.ms)
    if (during.length === 0) return phase
    // The worker answers between two tasks only: a long one leaves no reading.
    const worker = during.flatMap((s) =>
      s.workerHeapMb === undefined ? [] : [s.workerHeapMb + (s.workerBuffersMb ?? 0)],
    )
    return {
      ...phase,
      rendererPeakMb: Math.round(Math.max(...during.map((s) => s.rendererMb))),
      ...(worker.length > 0 ? { workerPeakMb: Math.max(...worker) } : {}),
    }
  })
}

export interface Checks {
  ok: boolean
  notes: string[]
  /** Fresh page load on the synced snapshot → every offer listed. */
  coldSearchMs?: number
}

const digitsBefore = (text: string, word: string) =>
  Number(new RegExp(`([\\d\\s\\u202f\\u00a0]+)${word}`).exec(text)?.[1]?.replace(/\D/g, '') ?? NaN)

/**
 * The header shows profile 0 and the synced count; the count is the sandbox's (a delta keeps
 * deleted offers until the next full sync: deletions are not signalled, notes §5.5); a search
 * from a fresh page load lists every offer.
 */
export async function checkSearch(
  page: Page,
  sync: SyncRun,
  expected: number,
  deletedKeys: readonly string[] | undefined,
  reopen: () => Promise<void>,
): Promise<Checks> {
  const notes: string[] = []
  let ok = true
  const header = (await page.getByRole('status', { name: 'Instantané actif' }).textContent()) ?? ''
  const shown = digitsBefore(header, 'offres')
  if (!header.includes('Profil 0') || shown !== sync.offers) {
    ok = false
    notes.push(`header « ${header.trim()} » (engine: ${sync.offers} offers)`)
  }
  const deleted = (deletedKeys ?? []).filter((k) => k.startsWith('HealthcareService/')).length
  const extra = sync.offers - expected
  if (extra < 0 || extra > deleted) {
    ok = false
    notes.push(`app ${sync.offers} offers, sandbox ${expected} (deleted offers: ${deleted})`)
  } else notes.push(`offers: app ${sync.offers}, sandbox ${expected}, deleted kept ${extra}`)
  const t0 = Date.now()
  await reopen()
  const count = page.getByRole('region', { name: 'Résultats' }).getByRole('status')
  let listed = NaN
  for (let i = 0; i < 600 && listed !== sync.offers; i++) {
    listed = digitsBefore((await count.textContent()) ?? '', 'offres')
    if (listed !== sync.offers) await page.waitForTimeout(500)
  }
  const coldSearchMs = Date.now() - t0
  if (listed !== sync.offers) {
    ok = false
    notes.push(`search after reload lists ${listed} offers, not ${sync.offers}`)
  } else notes.push(`search after a reload lists all ${listed} offers in ${coldSearchMs} ms`)
  return { ok, notes, coldSearchMs }
}

/** The offers the mutation changed, read back from IndexedDB: each shows the new version. */
export async function checkChangedOffers(
  page: Page,
  mutation: { at: string; changedKeys: string[]; deletedKeys: string[] },
): Promise<{ ok: boolean; note: string }> {
  const deleted = new Set(mutation.deletedKeys)
  const ids = mutation.changedKeys
    .filter((k) => k.startsWith('HealthcareService/') && !deleted.has(k))
    .slice(0, 200)
    .map((k) => k.slice('HealthcareService/'.length))
  let fresh = 0
  let stale = 0
  let absent = 0
  for (const offerId of ids) {
    const detail = await send<{ offer: { lastUpdated?: string } } | null>(page, 'engine:detail', {
      offerId,
    })
    if (!detail) absent += 1
    else if (Date.parse(detail.offer.lastUpdated ?? '') === Date.parse(mutation.at)) fresh += 1
    else stale += 1
  }
  return {
    ok: stale === 0 && fresh > 0,
    note:
      `changed offers read back: ${fresh} new version, ${stale} old version, ` +
      `${absent} not stored (of ${ids.length} checked)`,
  }
}
