/**
 * The page side of `bench sync-browser`: drives the app's sync dialog as a user would, and
 * records the engine's events (phases, progress) and the UI thread's frame gaps in the page.
 */
import type { Page } from 'playwright-core'

/** One engine event as the UI thread received it, `at` ms after the page's time origin. */
export interface TimedEvent {
  at: number
  kind: string
  type?: string
  phase?: string
  message?: string
  done?: number
  total?: number
  unit?: string
  bytes?: number
  rate?: number
  /** `started` events: full or delta. */
  mode?: string
}

/** What the page recorded: the engine's events and the longest gap between two frames. */
export interface PageRecord {
  events: TimedEvent[]
  maxFrameGapMs: number
  /** Frames that came more than 250 ms after the previous one (the UI felt frozen). */
  longFrames: { at: number; gapMs: number }[]
}

interface BenchWindow {
  __rorBench: {
    send(type: string, args: unknown): Promise<unknown>
    onEvent(listener: (event: Record<string, unknown>) => void): () => void
  }
  __syncBench?: PageRecord
}

/** Starts recording in the page (again after each navigation). */
export async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as BenchWindow & {
      requestAnimationFrame(f: (t: number) => void): void
    }
    const record: PageRecord = { events: [], maxFrameGapMs: 0, longFrames: [] }
    w.__syncBench = record
    w.__rorBench.onEvent((event) => {
      const inner = (event.kind === 'sync' ? event.event : event) as Record<string, unknown>
      if (event.kind === 'snapshot-changed') {
        record.events.push({ at: performance.now(), kind: 'snapshot-changed' })
        return
      }
      const { type, phase, message, done, total, unit, bytes, rate, mode } = inner
      record.events.push({
        at: performance.now(),
        kind: String(event.kind),
        ...({ type, phase, message, done, total, unit, bytes, rate, mode } as Partial<TimedEvent>),
      })
    })
    let last = performance.now()
    const tick = (t: number) => {
      const gap = t - last
      last = t
      record.maxFrameGapMs = Math.max(record.maxFrameGapMs, gap)
      if (gap > 250) record.longFrames.push({ at: t, gapMs: Math.round(gap) })
      w.requestAnimationFrame(tick)
    }
    w.requestAnimationFrame(tick)
  })
}

/** Takes the page's record and starts a new one (events since the previous call). */
export async function takeRecord(page: Page): Promise<PageRecord> {
  return page.evaluate(() => {
    const w = globalThis as unknown as BenchWindow
    const record = w.__syncBench!
    const out = { ...record, events: [...record.events], longFrames: [...record.longFrames] }
    record.events.length = 0
    record.maxFrameGapMs = 0
    record.longFrames.length = 0
    return out
  })
}

/** The last progress event, for the benchmark's own progress lines. */
export async function lastProgress(page: Page): Promise<TimedEvent | undefined> {
  return page.evaluate(() => {
    const events = (globalThis as unknown as BenchWindow).__syncBench?.events ?? []
    for (let i = events.length - 1; i >= 0; i--)
      if (events[i]!.type === 'progress') return events[i]
    return undefined
  })
}

export async function send<T>(page: Page, type: string, args: unknown): Promise<T> {
  return (await page.evaluate(
    ({ type, args }) => (globalThis as unknown as BenchWindow).__rorBench.send(type, args),
    { type, args },
  )) as T
}

export interface SyncForm {
  fhirBase: string
  tokenUrl: string
  clientId: string
  secret: string
}

/**
 * Opens the sync dialog, fills the server and the credentials (as tests/e2e/sync.e2e.ts does)
 * and starts the sync. Resolves once the progress bar shows, with the ms it took to show.
 */
export async function startSyncInDialog(page: Page, form: SyncForm): Promise<number> {
  await page.getByRole('button', { name: 'Synchroniser' }).click()
  const dialog = page.getByRole('dialog', { name: 'Synchronisation' })
  await dialog.getByLabel('Base FHIR').fill(form.fhirBase)
  await dialog.getByLabel('Adresse du jeton OAuth2').fill(form.tokenUrl)
  await dialog.getByLabel('Identifiant client').fill(form.clientId)
  await dialog.getByLabel('Secret client (profil 0)').fill(form.secret)
  const t0 = Date.now()
  await dialog.getByRole('button', { name: 'Synchroniser' }).click()
  await dialog
    .getByRole('progressbar', { name: 'Avancement de la synchronisation' })
    .waitFor({ timeout: 30_000 })
  return Date.now() - t0
}

/** Waits for the dialog's result or error; returns its text and whether it is a success. */
export async function waitForSyncEnd(
  page: Page,
  timeoutMs: number,
): Promise<{ ok: boolean; text: string }> {
  const dialog = page.getByRole('dialog', { name: 'Synchronisation' })
  const done = dialog.getByText(/Synchronisation (complète|différentielle) terminée/)
  const failed = dialog.getByRole('alert')
  const which = await Promise.race([
    done.waitFor({ timeout: timeoutMs }).then(() => 'done' as const),
    failed.waitFor({ timeout: timeoutMs }).then(() => 'failed' as const),
  ])
  const text = (await (which === 'done' ? done : failed).textContent()) ?? ''
  return { ok: which === 'done', text: text.replace(/\s+/g, ' ').trim() }
}

export async function closeDialog(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Synchronisation' })
  await dialog.getByRole('button', { name: 'Fermer' }).click()
  await dialog.waitFor({ state: 'hidden' })
}
