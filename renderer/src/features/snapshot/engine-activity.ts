/**
 * Long work, as the header shows it (EngineActivity.tsx): a sync — also once its dialog is
 * closed —, storing an imported or received snapshot, building the search index (up to ~45 s
 * at national scale, during which the header would otherwise still show the previous snapshot
 * with no sign of what is coming).
 */
import type { MainEvent } from '../../../../core/ipc/contract'
import type { SyncEvent } from '../../../../core/sync/events'
import type { EngineEvent } from '../../engine/protocol'
import { formatEta, phaseLabel } from '../sync/progress-text'

export type EngineActivityView = {
  message: string
  done: number
  total: number
  /** Absent: a step without counts (indeterminate bar). */
  unit?: string
  etaSeconds?: number
} | null

/** A step without counts. */
const step = (message: string): NonNullable<EngineActivityView> => ({ message, done: 0, total: 1 })

const counted = (
  message: string,
  p: { done?: number; total?: number; unit?: string; etaSeconds?: number },
): NonNullable<EngineActivityView> => {
  if (p.done === undefined || p.total === undefined) return step(message)
  const eta = p.etaSeconds !== undefined ? { etaSeconds: p.etaSeconds } : {}
  return { message, done: p.done, total: p.total, unit: p.unit ?? 'units', ...eta }
}

/** A browser-mode sync's events (the engine worker runs it). */
function syncActivity(view: EngineActivityView, e: SyncEvent): EngineActivityView {
  switch (e.type) {
    case 'started':
      return step(e.mode === 'full' ? 'Synchronisation complète…' : 'Synchronisation…')
    case 'phase':
      return step(`Synchronisation — ${e.message}`)
    case 'progress':
      return counted(view?.message ?? `Synchronisation — ${phaseLabel(e.phase)}`, e)
    default:
      return view
  }
}

/**
 * The header's activity after `event`; null: nothing under way. The engine ends all such
 * work with `idle` (done or failed), a new snapshot with `snapshot-changed` (engine-service.ts).
 */
export function nextActivity(view: EngineActivityView, event: EngineEvent): EngineActivityView {
  switch (event.kind) {
    case 'idle':
    case 'snapshot-changed':
      return null
    case 'progress': {
      const { message, done, total, unit, etaSeconds } = event
      return {
        message,
        done,
        total,
        ...(unit !== undefined ? { unit } : {}),
        ...(etaSeconds !== undefined ? { etaSeconds } : {}),
      }
    }
    case 'sync':
      return syncActivity(view, event.event)
  }
}

/** The desktop app's sync, run by main (its `sync:*` events). */
export function nextDesktopActivity(event: MainEvent): EngineActivityView {
  if (event.type !== 'sync:progress') return null
  const p = event.progress
  return counted(`Synchronisation — ${phaseLabel(p.phase)}`, p)
}

/** Percentage of the bar; undefined (indeterminate) for a step without counts. */
export function activityPercent(view: NonNullable<EngineActivityView>): number | undefined {
  if (view.unit === undefined || view.total <= 0) return undefined
  return Math.min(100, Math.floor((view.done / view.total) * 100))
}

/** « Construction de l’index de recherche — 45 % — reste environ 12 s ». */
export function activityText(view: NonNullable<EngineActivityView>): string {
  const percent = activityPercent(view)
  const share = percent !== undefined ? ` — ${percent} %` : ''
  const eta = view.etaSeconds !== undefined ? ` — reste ${formatEta(view.etaSeconds)}` : ''
  return `${view.message}${share}${eta}`
}
