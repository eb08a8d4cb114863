/**
 * The engine's long work, as the header shows it (EngineActivity.tsx): storing an imported or
 * received snapshot, building the search index — up to ~45 s at national scale, during which
 * the header would otherwise still show the previous snapshot with no sign of what is coming.
 */
import type { EngineEvent, EngineProgressEvent } from '../../engine/protocol'
import { formatEta } from '../sync/progress-text'

export type EngineActivityView = Pick<
  EngineProgressEvent,
  'message' | 'done' | 'total' | 'unit' | 'etaSeconds'
> | null

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
    default:
      return view
  }
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
