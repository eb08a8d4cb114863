/**
 * The generator's catalogue, parsed once: offer templates (sanitaire, médico-social, ville),
 * hospital services and establishment category profiles, with index lookups. The compact
 * entity tables store indices into these arrays.
 */
import type { CategoryProfile, EjKind, Naming, OfferTemplate, TemplatePick } from './catalog-types'
import { CATEGORY_LINES, SERVICE_LINES } from './categories'
import { MS_TEMPLATES } from './offers-ms'
import { SANITAIRE_TEMPLATES } from './offers-sanitaire'
import { VILLE_TEMPLATES } from './offers-ville'
import { TemplateTableError } from './template-table'
import { fnv1a } from './prng'

export interface HospitalService {
  key: string
  label: string
  pole: string
  offers: TemplatePick[]
}

export const TEMPLATES: readonly OfferTemplate[] = [
  ...SANITAIRE_TEMPLATES,
  ...MS_TEMPLATES,
  ...VILLE_TEMPLATES,
]

const templateIndex = new Map(TEMPLATES.map((t, i) => [t.key, i]))

export function templateIndexOf(key: string): number {
  const i = templateIndex.get(key)
  if (i === undefined) throw new TemplateTableError(`gabarit d'offre inconnu : "${key}"`)
  return i
}

export function templateAt(index: number): OfferTemplate {
  const t = TEMPLATES[index]
  if (!t) throw new RangeError(`no offer template #${index}`)
  return t
}

function parsePicks(text: string): TemplatePick[] {
  return text.split(',').map((item) => {
    const [key = '', p = '1', range] = item.split(':')
    const pick: TemplatePick = { key, p: Number(p) }
    if (range) {
      const [min, max] = range.split('-').map(Number) as [number, number]
      pick.n = [min, max]
    }
    return pick
  })
}

function parseService(line: string): HospitalService {
  const [key = '', label = '', pole = '', picks = ''] = line.split('|')
  return { key, label, pole, offers: parsePicks(picks) }
}

export const SERVICES: readonly HospitalService[] = SERVICE_LINES.map(parseService)
const serviceIndex = new Map(SERVICES.map((s, i) => [s.key, i]))

export function serviceIndexOf(key: string): number {
  const i = serviceIndex.get(key)
  if (i === undefined) throw new TemplateTableError(`service hospitalier inconnu : "${key}"`)
  return i
}

function parseRange(text: string): [number, number] {
  const [a, b] = text.split('-').map(Number) as [number, number]
  return [a, b]
}

function parseCategory(line: string): CategoryProfile {
  const cols = line.split('|')
  if (cols.length < 11) throw new TemplateTableError(`ligne de catégorie incomplète : « ${line} »`)
  const [category, label, weight, family, ej, groupP, groupSize, alpha, minPop, naming, content] =
    cols as [string, string, string, string, string, string, string, string, string, string, string]
  const profile: CategoryProfile = {
    category,
    label,
    weight: Number(weight),
    family,
    ej: ej.split(',').map((e) => {
      const [kind = '', w = '1'] = e.split(':')
      return [kind as EjKind, Number(w)]
    }),
    groupP: Number(groupP),
    groupSize: parseRange(groupSize),
    alpha: Number(alpha),
    minPopulation: Number(minPop),
    naming: naming as Naming,
    isHospital: cols[11] === 'hosp',
  }
  const [kind = '', value = ''] = content.split('=')
  if (kind === 'offers') profile.offers = parsePicks(value)
  else if (kind === 'services') profile.services = parsePicks(value)
  else if (kind === 'ville') {
    const [range = '1-1', mix = 'solo'] = value.split(':')
    profile.ville = { professionals: parseRange(range), mix: mix as 'solo' | 'group' | 'multi' }
  } else throw new TemplateTableError(`contenu de catégorie illisible : « ${line} »`)
  return profile
}

export const CATEGORIES: readonly CategoryProfile[] = CATEGORY_LINES.map(parseCategory)
const categoryIndex = new Map(CATEGORIES.map((c, i) => [c.category, i]))

export function categoryIndexOf(code: string): number {
  const i = categoryIndex.get(code)
  if (i === undefined)
    throw new TemplateTableError(`catégorie d'établissement inconnue : "${code}"`)
  return i
}

export function categoryAt(index: number): CategoryProfile {
  const c = CATEGORIES[index]
  if (!c) throw new RangeError(`no category profile #${index}`)
  return c
}

export function serviceAt(index: number): HospitalService {
  const s = SERVICES[index]
  if (!s) throw new RangeError(`no hospital service #${index}`)
  return s
}

/** Every template key referenced by categories and services (checked against TEMPLATES). */
export function referencedTemplateKeys(): string[] {
  const keys = new Set<string>()
  for (const s of SERVICES) for (const o of s.offers) keys.add(o.key)
  for (const c of CATEGORIES) for (const o of c.offers ?? []) keys.add(o.key)
  return [...keys]
}

/** Distinct pôle labels of the hospital services (OI pôles store an index into it). */
export const POLE_LABELS: readonly string[] = [...new Set(SERVICES.map((s) => s.pole))]

/** Fingerprint of what generation reads from the catalogue (part of the cache key). */
export function catalogFingerprint(): number {
  const text = JSON.stringify([CATEGORIES, SERVICES, TEMPLATES.map((t) => [t.key, t.profession])])
  return fnv1a(new TextEncoder().encode(text))
}
