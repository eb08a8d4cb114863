/**
 * The stale-snapshot banner's text. The ROR asks consumers to run a full sync at least once a
 * week (ROR-FHIR-NOTES §5.5); past that, offers may have closed, moved or changed their age
 * range, and a coordinator orienting a patient must know it before trusting a result.
 */
import { ageOf, formatDate, isStale, STALE_AFTER_DAYS } from '../../lib/format'

/** The banner's text for a snapshot created at `createdAt`, or null while it is fresh. */
export function staleText(createdAt: string, now = Date.now()): string | null {
  if (!isStale(createdAt, now)) return null
  return (
    `Instantané du ${formatDate(createdAt)} (${ageOf(createdAt, now)}) : le ROR demande une ` +
    `synchronisation au moins tous les ${STALE_AFTER_DAYS} jours, des offres ont pu fermer ou ` +
    'changer depuis.'
  )
}
