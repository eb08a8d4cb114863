/**
 * What the browser-mode sync panel shows while the engine worker syncs: the phase line and the
 * last progress event, from the engine's events. The sync's own events end with the last chunk
 * written; the verification of the new slot and the search index built from it come after —
 * at national scale ~30 s during which the bar stood full and the line said « Enregistrement »
 * (bench `sync-browser`). Those steps are named here: the verification with an indeterminate
 * bar, the index build with its own counts (records read) and ETA.
 */
import { noticeText, type SyncEvent } from '../../../../core/sync/events'
import type { EngineEvent } from '../../engine/protocol'

export type SyncProgressEvent = Extract<SyncEvent, { type: 'progress' }>

/** Counts under the bar: the sync's own, or the index build's afterwards. */
export interface ProgressCounts {
  done: number
  total?: number
  /** A core/sync `ProgressUnit`, or the engine's (engine/protocol.ts). */
  unit: string
  etaSeconds?: number
}

export interface BrowserSyncView {
  phase: string | null
  /** The progress under the bar; null: no count to show (indeterminate bar). */
  progress: ProgressCounts | null
  /** The sync goes on from an interrupted one (closed page, crash, cancel): said until it ends. */
  resumed?: boolean
  /** A retry, a split query, a warning: shown until the sync moves on. */
  notice?: string
}

export const CONNECTING: BrowserSyncView = { phase: 'Connexion…', progress: null }

/** The line shown during a resumed sync. */
export const RESUMED =
  'Reprise d’une synchronisation interrompue : ce qui était déjà téléchargé sert de nouveau.'

const VERIFYING = 'Vérification et activation du nouvel instantané…'

/** The panel's state after `event`. */
export function nextSyncView(view: BrowserSyncView, event: EngineEvent): BrowserSyncView {
  if (event.kind === 'progress') {
    // After the sync proper: the index of the new snapshot (engine-service.ts `reload`).
    if (event.phase !== 'index') return view
    const counted = event.unit !== undefined && event.done < event.total
    const { done, total, unit, etaSeconds } = event
    const counts = {
      done,
      total,
      unit: unit ?? 'chunks',
      ...(etaSeconds !== undefined ? { etaSeconds } : {}),
    }
    return { ...view, phase: event.message, progress: counted ? counts : null }
  }
  if (event.kind !== 'sync') return view
  const e = event.event
  const notice = noticeText(e)
  if (notice !== undefined) return { ...view, notice }
  // Any other news from the sync: the notice is over.
  if (view.notice !== undefined) {
    const { notice: _over, ...rest } = view
    view = rest
  }
  if (e.type === 'phase') return { ...view, phase: e.message }
  if (e.type === 'started') {
    const resumed = e.isResumed ? { resumed: true } : {}
    return e.mode === 'full'
      ? { ...view, ...resumed, phase: 'Synchronisation complète…' }
      : { ...view, ...resumed }
  }
  if (e.type !== 'progress') return view
  if (e.phase === 'write' && e.total !== undefined && e.done >= e.total) {
    // Every record written: the counts are verified in IndexedDB, then the slot activated.
    return { ...view, phase: VERIFYING, progress: null }
  }
  return { ...view, progress: e }
}

/** Percentage for the bar; undefined (indeterminate) when there is no total. */
export function percentOf(progress: ProgressCounts | null): number | undefined {
  return progress?.total
    ? Math.min(100, Math.round((progress.done / progress.total) * 100))
    : undefined
}
