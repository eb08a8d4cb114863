import { formatAgeBound } from '../../../core/search/format'

/** French formatting helpers for the UI (dates, ages, distances, counts). */

const relative = new Intl.RelativeTimeFormat('fr', { numeric: 'auto' })
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' })
const integer = new Intl.NumberFormat('fr-FR')

/** « il y a 3 jours », « aujourd’hui »… from an ISO date-time. */
export function ageOf(iso: string, now = Date.now()): string {
  const ms = now - Date.parse(iso)
  if (!Number.isFinite(ms)) return 'date inconnue'
  const minutes = Math.round(ms / 60_000)
  // « cette minute-ci », which Intl says for 0, reads oddly in « Instantané cette minute-ci ».
  if (minutes === 0) return 'à l’instant'
  if (Math.abs(minutes) < 60) return relative.format(-minutes, 'minute')
  const hours = Math.round(minutes / 60)
  if (Math.abs(hours) < 24) return relative.format(-hours, 'hour')
  const days = Math.round(hours / 24)
  if (Math.abs(days) < 60) return relative.format(-days, 'day')
  return relative.format(-Math.round(days / 30), 'month')
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  return Number.isFinite(t) ? dateTime.format(t) : iso
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  return Number.isFinite(t) ? dateOnly.format(t) : iso
}

export function formatCount(n: number): string {
  return integer.format(n)
}

export function formatDistance(km: number | undefined): string {
  if (km === undefined) return ''
  return km < 10 ? `${km.toFixed(1).replace('.', ',')} km` : `${Math.round(km)} km`
}

/** « 18 mois », « 60 ans »: the same wording as the CLI and the CSV (core/search/format). */
export { formatAgeBound }

export function formatAgeRange(
  low: { value: number; unit?: string } | undefined,
  high: { value: number; unit?: string } | undefined,
): string {
  if (!low || !high) return 'âge non renseigné'
  // Same unit on both bounds: say it once (« de 3 à 16 ans »).
  if ((low.unit ?? 'a') === (high.unit ?? 'a')) {
    return `de ${low.value} à ${formatAgeBound(high)}`
  }
  return `de ${formatAgeBound(low)} à ${formatAgeBound(high)}`
}

/** Days of the snapshot beyond which the ROR asks for a full sync (ROR-FHIR-NOTES §5.5). */
export const STALE_AFTER_DAYS = 7

export function isStale(iso: string, now = Date.now()): boolean {
  return now - Date.parse(iso) > STALE_AFTER_DAYS * 86_400_000
}
