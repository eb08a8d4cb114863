import { useEffect, useState } from 'react'
import { engineClient } from '../../engine/client'
import { usePlatform } from '../../platform/context'
import {
  activityPercent,
  activityText,
  nextActivity,
  nextDesktopActivity,
  type EngineActivityView,
} from './engine-activity'

/**
 * Header line during long work: a sync (still shown once its dialog is closed), a snapshot
 * being stored (import, or received from main) or indexed — what, how far, how long still.
 * Searches meanwhile answer from the snapshot the badges name.
 */
export function EngineActivity() {
  const desktop = usePlatform().desktop
  const [view, setView] = useState<EngineActivityView>(null)
  useEffect(() => engineClient().onEvent((event) => setView((v) => nextActivity(v, event))), [])
  useEffect(() => desktop?.onEvent((event) => setView(nextDesktopActivity(event))), [desktop])
  if (!view) return null
  const text = activityText(view)
  return (
    <p className="engine-activity" role="status" aria-live="polite">
      <progress max={100} value={activityPercent(view)} aria-label={text} />
      <span>{text}</span>
    </p>
  )
}
