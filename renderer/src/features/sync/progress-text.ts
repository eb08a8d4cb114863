/**
 * The desktop sync panel's texts, from main's `sync:*` events (core/ipc/contract.ts): the
 * phase, counts and ETA under the progress bar, and the last result in plain French.
 */
import type { SyncOutcome, SyncProgress } from '../../../../core/ipc/contract'
import { formatCount, formatDateTime } from '../../lib/format'

/** core/sync/events.ts SyncPhase, in French. */
const PHASES: Record<string, string> = {
  prepare: 'Préparation',
  'export-request': 'Demande d’export au serveur',
  'export-wait': 'Préparation de l’export par le serveur',
  download: 'Téléchargement',
  delta: 'Mise à jour différentielle',
  replay: 'Reprise des éléments déjà téléchargés',
  map: 'Transformation',
  write: 'Écriture de l’instantané',
}

const UNITS: Record<string, string> = {
  files: 'fichiers',
  pages: 'pages',
  records: 'enregistrements',
  chunks: 'blocs',
}

/** « 42 s », « 2 min 10 s », « 3 h 05 min » for a whole number of seconds. */
function clock(s: number): string {
  if (s < 60) return `${s} s`
  const minutes = Math.floor(s / 60)
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}

/** « environ 2 min 10 s » style remaining time. */
export function formatEta(seconds: number): string {
  return `environ ${clock(Math.max(1, Math.ceil(seconds)))}`
}

/** « 0,5 s », « 42 s », « 1 min 52 s »: how long a finished sync took. */
export function formatDuration(ms: number): string {
  const tenths = Math.round(ms / 100)
  if (tenths < 100) return `${(tenths / 10).toLocaleString('fr-FR')} s`
  return clock(Math.round(ms / 1000))
}

/** « 20 ajouts, 26 mises à jour, 0 retraits. » */
export function changesText(c: { added?: number; updated?: number; removed?: number }): string {
  return (
    `${formatCount(c.added ?? 0)} ajouts, ${formatCount(c.updated ?? 0)} mises à jour, ` +
    `${formatCount(c.removed ?? 0)} retraits.`
  )
}

/** « Reprise : 3 éléments déjà téléchargés réutilisés. » (files or pages of a resumed sync) */
export function resumedText(units: number): string {
  const what =
    units === 1 ? 'élément déjà téléchargé réutilisé' : 'éléments déjà téléchargés réutilisés'
  return `Reprise : ${formatCount(units)} ${what}.`
}

/** « 1 234 / 5 000 enregistrements — reste environ 12 s » (counts and ETA only). */
export function countsLine(progress: Omit<SyncProgress, 'phase'>): string {
  const parts: string[] = []
  if (progress.done !== undefined) {
    const total = progress.total ? ` / ${formatCount(progress.total)}` : ''
    const unit = progress.unit ? ` ${UNITS[progress.unit] ?? progress.unit}` : ''
    parts.push(`${formatCount(progress.done)}${total}${unit}`)
  }
  if (progress.etaSeconds !== undefined) parts.push(`reste ${formatEta(progress.etaSeconds)}`)
  return parts.join(' — ')
}

/** Percentage for the bar; undefined (indeterminate) when the total is unknown. */
export function percentOf(progress: SyncProgress | null): number | undefined {
  if (!progress?.total || progress.done === undefined) return undefined
  return Math.min(100, Math.round((progress.done / progress.total) * 100))
}

export function phaseLabel(phase: string): string {
  return PHASES[phase] ?? phase
}

/** « Téléchargement — 3 / 10 fichiers — reste environ 12 s ». */
export function progressLine(progress: SyncProgress): string {
  const counts = countsLine(progress)
  return counts ? `${phaseLabel(progress.phase)} — ${counts}` : phaseLabel(progress.phase)
}

/** The last sync's result, for the panel and screen readers. */
export function outcomeText(outcome: SyncOutcome): string {
  const when = formatDateTime(outcome.finishedAt)
  if (!outcome.ok) {
    const kept = outcome.previousSnapshotKept
      ? ''
      : ' L’instantané précédent n’a pas pu être conservé.'
    return `Échec de la synchronisation (${when}) : ${outcome.error.message}${kept}`
  }
  const kind = outcome.kind === 'full' ? 'complète' : 'différentielle'
  const offers = outcome.counts.offer
  const parts = [
    `Synchronisation ${kind} terminée (${when})${offers === undefined ? '' : ` : ${formatCount(offers)} offres`}.`,
  ]
  if (outcome.changes) parts.push(changesText(outcome.changes))
  if (outcome.resumedUnits) parts.push(resumedText(outcome.resumedUnits))
  if (outcome.fullReasonText) parts.push(outcome.fullReasonText)
  return parts.join(' ')
}
