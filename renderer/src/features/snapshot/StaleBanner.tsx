import { useQuery } from '@tanstack/react-query'
import { engineQueries } from '../../engine/queries'
import { staleText } from './stale'

/**
 * A row under the header when the active snapshot is over a week old (never for the demo,
 * which says it is fictitious): how old, why it matters, and the way to fix it.
 */
export function StaleBanner({ onOpenSync }: { onOpenSync: () => void }) {
  const { data } = useQuery(engineQueries.status())
  const createdAt = data?.manifest?.createdAt
  const text = createdAt && !data.isDemo ? staleText(createdAt) : null
  if (!text) return null
  return (
    <p className="stale-banner" role="status">
      <span>{text}</span>
      <button type="button" className="link-button" onClick={onOpenSync}>
        Synchroniser maintenant
      </button>
    </p>
  )
}
