/**
 * Parser of the compact offer-template tables (one template per line, so the catalogue stays
 * readable and reviewable against the code lists):
 *
 *   key|label|champ|typeOffre|activities|modes|ages|hours|placeFunction|options
 *
 * - lists are comma-separated (`229,231`);
 * - ages are `low-high` with a UCUM unit on each bound (`0d-28d`, `15a-50a`), variants
 *   comma-separated, the first one the most frequent;
 * - options are `;`-separated `name=value` or flags: pub (JDV_J29), rec (J30), mod (J226),
 *   open (TRE_R238), spec (J35), comp (J33), acts (TRE_R210), prof (J186), exp (TRE_R253),
 *   cap (`L12-60` beds or `P4-12` places), sector (G|I), pro (TRE_G15), noconsent, zones.
 */
import type { AgeSpec, AgeUnit, Champ, HoursKind, OfferTemplate } from './catalog-types'

export class TemplateTableError extends Error {
  override readonly name = 'TemplateTableError'
}

const list = (s: string): string[] => (s === '' ? [] : s.split(','))

function parseAge(text: string, line: string): AgeSpec {
  const m = /^(\d+)(a|mo|wk|d)-(\d+)(a|mo|wk|d)$/.exec(text)
  if (!m) throw new TemplateTableError(`age "${text}" illisible dans « ${line} »`)
  return {
    low: Number(m[1]),
    lowUnit: m[2] as AgeUnit,
    high: Number(m[3]),
    highUnit: m[4] as AgeUnit,
  }
}

function applyOption(t: OfferTemplate, option: string, line: string): void {
  const [name = '', value = ''] = option.split('=')
  switch (name) {
    case 'pub':
      t.publics = list(value)
      break
    case 'rec':
      t.reception = value as '01' | '02'
      break
    case 'mod':
      t.modalities = list(value)
      break
    case 'open':
      t.annualOpening = value
      break
    case 'spec':
      t.specialities = list(value)
      break
    case 'comp':
      t.competences = list(value)
      break
    case 'acts':
      t.acts = list(value)
      break
    case 'prof':
      t.professions = list(value)
      break
    case 'exp':
      t.expertise = list(value)
      break
    case 'cap': {
      const m = /^([LP])(\d+)-(\d+)$/.exec(value)
      if (!m) throw new TemplateTableError(`capacité "${value}" illisible dans « ${line} »`)
      t.capacity = { type: m[1] === 'L' ? '01' : '02', min: Number(m[2]), max: Number(m[3]) }
      break
    }
    case 'sector':
      t.psySector = value as 'G' | 'I'
      break
    case 'pro':
      t.profession = value
      break
    case 'noconsent':
      t.noConsent = true
      break
    case 'zones':
      t.zones = true
      break
    default:
      throw new TemplateTableError(`option "${name}" inconnue dans « ${line} »`)
  }
}

/** Parses one table line into a template. */
export function parseTemplate(line: string): OfferTemplate {
  const parts = line.split('|')
  if (parts.length < 9 || parts.length > 10) {
    throw new TemplateTableError(`ligne de gabarit à ${parts.length} colonnes : « ${line} »`)
  }
  const [key, label, champ, offerType, activities, modes, ages, hours, fn, options = ''] =
    parts as [string, string, string, string, string, string, string, string, string, string?]
  const t: OfferTemplate = {
    key,
    label,
    champ: champ as Champ,
    activities: list(activities),
    modes: list(modes),
    ages: list(ages).map((a) => parseAge(a, line)),
    hours: hours as HoursKind,
    locationFunction: fn,
  }
  if (offerType !== '') t.offerType = offerType
  for (const option of options.split(';').filter((o) => o !== '')) applyOption(t, option, line)
  return t
}

export function parseTemplates(lines: readonly string[]): OfferTemplate[] {
  return lines.map(parseTemplate)
}
