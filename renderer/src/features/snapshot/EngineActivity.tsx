import { useEffect, useState } from 'react'
import { engineClient } from '../../engine/client'
import {
  activityPercent,
  activityText,
  nextActivity,
  type EngineActivityView,
} from './engine-activity'

/**
 * Header line while the engine stores a snapshot or builds its search index (import, a sync
 * received from main, the index after a browser-mode sync): what, how far, how long still.
 * Searches meanwhile answer from the snapshot the badges name.
 */
export function EngineActivity() {
  const [view, setView] = useState<EngineActivityView>(null)
  useEffect(() => engineClient().onEvent((event) => setView((v) => nextActivity(v, event))), [])
  if (!view) return null
  const text = activityText(view)
  return (
    <p className="engine-activity" role="status" aria-live="polite">
      <progress max={100} value={activityPercent(view)} aria-label={text} />
      <span>{text}</span>
    </p>
  )
}
