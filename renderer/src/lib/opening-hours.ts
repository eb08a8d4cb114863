import type { OpeningHours } from '../../../core/snapshot/records'

const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']

/** TRE_R252 type d'horaire codes seen in the ROR (ROR-FHIR-NOTES §3.1). */
const KIND_LABELS: Record<string, string> = {
  '01': 'Horaires d’ouverture',
  '02': 'Horaires de fonctionnement',
  '06': 'Consultation sans rendez-vous',
  '07': 'Consultation sur rendez-vous',
}

/** « 9 h », « 17 h 30 » from `HH:MM[:SS]`. */
export function formatTime(time: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(time)
  if (!m) return time
  const hours = Number(m[1])
  return m[2] === '00' ? `${hours} h` : `${hours} h ${m[2]}`
}

/** « du lundi au vendredi », « lundi, mercredi et samedi », « tous les jours ». */
export function formatDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b)
  if (sorted.length === 7) return 'tous les jours'
  if (sorted.length === 0) return 'jours non précisés'
  const runs: number[][] = []
  for (const day of sorted) {
    const run = runs.at(-1)
    if (run && run.at(-1) === day - 1) run.push(day)
    else runs.push([day])
  }
  const parts = runs.map((run) => {
    const first = DAYS[(run[0] ?? 1) - 1]
    const last = DAYS[(run.at(-1) ?? 1) - 1]
    return run.length >= 3 ? `du ${first} au ${last}` : run.map((d) => DAYS[d - 1]).join(', ')
  })
  return parts.length === 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}`
}

function formatSpan(h: OpeningHours): string {
  const allDay =
    h.allDay === true ||
    (h.start !== undefined && h.end !== undefined && /^00:00/.test(h.start) && /^23:59/.test(h.end))
  if (allDay) return '24 h sur 24'
  if (h.start && h.end) return `de ${formatTime(h.start)} à ${formatTime(h.end)}`
  if (h.start) return `à partir de ${formatTime(h.start)}`
  return 'horaires non précisés'
}

/**
 * Opening hours in plain French, grouped by kind of schedule, identical spans merged across
 * days: « Horaires d’ouverture : du lundi au vendredi de 9 h à 17 h ; samedi de 9 h à 12 h ».
 */
export function describeOpeningHours(
  hours: readonly OpeningHours[],
): { kind: string; lines: string[] }[] {
  const byKind = new Map<string, Map<string, number[]>>()
  for (const h of hours) {
    const kind = KIND_LABELS[h.kind ?? ''] ?? (h.kind ? `Horaires (type ${h.kind})` : 'Horaires')
    const spans = byKind.get(kind) ?? new Map<string, number[]>()
    byKind.set(kind, spans)
    const span = formatSpan(h)
    spans.set(span, [...(spans.get(span) ?? []), ...h.days])
  }
  return [...byKind].map(([kind, spans]) => ({
    kind,
    lines: [...spans]
      .sort(([, a], [, b]) => Math.min(...a) - Math.min(...b))
      .map(([span, days]) => `${capitalise(formatDays(days))} ${span}`),
  }))
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
