/**
 * Opening hours (HealthcareService.availableTime, PractitionerRole.availableTime) with the ROR
 * extensions: one entry per day carrying `ror-available-time-number-days-of-week` (1 Monday …
 * 7 Sunday) and `ror-available-time-type-of-time` (TRE_R252), sometimes the effective period,
 * and sometimes the FHIR `daysOfWeek` too (both forms are served, notes §3.1).
 */
import type { AvailableTime, Extension } from '../../core/ror/fhir-types'
import type { HoursKind } from './catalog-types'
import { isoDate } from './clock'
import type { Rng } from './prng'
import { EXT } from './systems'
import { codeable } from './vocab'

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export interface HoursStyle {
  /** Also write FHIR daysOfWeek next to the ROR day extension. */
  hasDaysOfWeek: boolean
  /** Start of the effective period (ror-available-time-effective-opening-closing-date). */
  effectiveFrom?: number
}

function slot(
  day: number,
  kind: string,
  style: HoursStyle,
  start: string | undefined,
  end: string | undefined,
): AvailableTime {
  const extension: Extension[] = [{ url: EXT.availableTimeDays, valueInteger: day }]
  if (style.effectiveFrom !== undefined) {
    extension.push({
      url: EXT.availableTimeEffective,
      valuePeriod: { start: isoDate(style.effectiveFrom) },
    })
  }
  extension.push({ url: EXT.availableTimeType, valueCodeableConcept: codeable('R252', kind) })
  const entry: AvailableTime = { extension }
  if (style.hasDaysOfWeek) entry.daysOfWeek = [DAYS[day - 1] ?? 'mon']
  if (start === undefined) entry.allDay = true
  else {
    entry.availableStartTime = start
    entry.availableEndTime = end
  }
  return entry
}

/** Minutes since midnight → FHIR time `hh:mm:00`. */
const hm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`

function weekdays(
  rng: Rng,
  kind: string,
  style: HoursStyle,
  withSaturday: boolean,
): AvailableTime[] {
  const out: AvailableTime[] = []
  const open = rng.pick([7, 8, 8, 9]) * 60 + rng.pick([0, 30])
  const close = rng.pick([17, 18, 18, 19]) * 60 + rng.pick([0, 30])
  const split = rng.chance(0.4)
  for (let day = 1; day <= (withSaturday ? 6 : 5); day += 1) {
    const end = day === 6 ? 12 * 60 : close
    if (split && day < 6) {
      out.push(slot(day, kind, style, hm(open), hm(12 * 60)))
      out.push(slot(day, kind, style, hm(14 * 60), hm(end)))
    } else {
      out.push(slot(day, kind, style, hm(open), hm(end)))
    }
  }
  return out
}

/** availableTime entries of an offer or a practitioner role. */
export function openingHours(rng: Rng, kind: HoursKind, style: HoursStyle): AvailableTime[] {
  switch (kind) {
    case 'none':
      return []
    case 'h24': {
      const allDay = rng.chance(0.4)
      return [1, 2, 3, 4, 5, 6, 7].map((d) =>
        allDay
          ? slot(d, '01', style, undefined, undefined)
          : slot(d, '01', style, '00:00:00', '23:59:00'),
      )
    }
    case 'office':
      return weekdays(rng, '01', style, rng.chance(0.2))
    case 'day':
      return [1, 2, 3, 4, 5].map((d) =>
        slot(d, '02', style, '09:30:00', rng.chance(0.5) ? '17:00:00' : '16:30:00'),
      )
    case 'consult': {
      const out = weekdays(rng, '07', style, rng.chance(0.3))
      if (rng.chance(0.4)) out.push(slot(rng.int(1, 5), '06', style, '08:30:00', '11:30:00'))
      return out
    }
  }
}
