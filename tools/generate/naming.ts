/**
 * Names of organisations, offers and places, shaped like the ROR's (« Centre hospitalier de
 * Bourges », « EHPAD Les Tilleuls », « Cabinet du Dr … », « Cardiologie - HOSPITALISATION
 * COMPLETE »). Deterministic: drawn from each entity's stable seed.
 */
import type { CategoryProfile } from './catalog-types'
import { categoryAt, POLE_LABELS, serviceAt, templateAt } from './catalog'
import { legalStatusAt, EJ_KINDS } from './legal'
import type { Model } from './model'
import type { PersonName } from './names'
import {
  associationName,
  brandName,
  de,
  natureName,
  personName,
  saintName,
  slug,
  street,
} from './names'
import { upperFold } from './places'
import { ORG_KIND } from './tables'
import { concept } from './vocab'

const commune = (m: Model, org: number): string => m.communes.name[m.orgCommune(org)] ?? ''

/** Person behind a practitioner index (stable across versions). */
export function practitionerName(m: Model, prac: number): PersonName {
  return personName(m.base('Practitioner', prac, 2))
}

function cabinetName(m: Model, eg: number, p: CategoryProfile): string {
  const rng = m.base('Organization', eg, 3)
  const city = commune(m, eg)
  const prac = m.firstPractitionerOf(eg)
  const who = prac >= 0 ? practitionerName(m, prac) : personName(rng)
  const tpl = prac >= 0 ? templateAt(m.ds.prac.get('tpl', prac)) : undefined
  const isDoctor = tpl?.profession === '10' || tpl?.profession === '40'
  if (p.category === 'SA07') {
    if (isDoctor) return `Cabinet du Dr ${who.given} ${who.family}`
    return `Cabinet de ${(tpl?.label ?? 'soins').toLowerCase()} ${who.given} ${who.family}`
  }
  // Group practices may mix professions: their names stay neutral.
  const r = rng.next()
  if (r < 0.35) return `Cabinet ${street(rng).base}`
  if (r < 0.7) return `Cabinet ${who.family} - ${personName(rng).family}`
  return p.category === 'SA09' ? `SELARL ${who.family}` : `Cabinet de santé ${de(city)}`
}

/** Name of an establishment (EG). */
export function establishmentName(m: Model, eg: number): string {
  const p = categoryAt(m.ds.org.get('cat', eg))
  const rng = m.base('Organization', eg, 3)
  const city = commune(m, eg)
  const isSite = m.ds.org.get('aux', eg) > 0
  switch (p.naming) {
    case 'chu':
      return isSite
        ? `Hôpital ${saintName(rng)}`
        : rng.pick([`CHU ${de(city)}`, `Centre hospitalier universitaire ${de(city)}`])
    case 'ch':
      return isSite
        ? `Centre hospitalier ${de(city)} - site ${natureName(rng)}`
        : rng.pick([
            `Centre hospitalier ${de(city)}`,
            `CH ${upperFold(city)}`,
            `Hôpital ${de(city)}`,
          ])
    case 'clinic':
      if (p.category === '141' || p.category === '146') return `${p.label} ${de(city)}`
      return rng.pick([
        `Clinique ${saintName(rng)}`,
        `Polyclinique ${de(city)}`,
        `Clinique ${natureName(rng)}`,
        `Hôpital privé ${de(city)}`,
      ])
    case 'smr':
      return rng.pick([
        `Centre de réadaptation ${natureName(rng)}`,
        `SMR ${natureName(rng)}`,
        `Centre de soins de suite ${de(city)}`,
      ])
    case 'psy':
      if (p.category === '292')
        return `Centre hospitalier spécialisé ${rng.chance(0.5) ? saintName(rng) : de(city)}`
      if (p.category === '161') return `Clinique psychiatrique ${natureName(rng)}`
      return `${p.category === '425' ? 'CATTP' : 'CMP'} ${city}${rng.chance(0.3) ? ` - ${natureName(rng)}` : ''}`
    case 'ehpad':
      if (p.category === '202') return `Résidence autonomie ${natureName(rng)}`
      return rng.pick([
        `EHPAD ${natureName(rng)}`,
        `Résidence ${natureName(rng)}`,
        `EHPAD ${natureName(rng)} - ${city}`,
      ])
    case 'ms':
      return rng.chance(0.6) ? `${p.label} ${natureName(rng)}` : `${p.label} ${de(city)}`
    case 'home':
      return rng.pick([
        `${p.label} ${de(city)}`,
        `${p.label} ${city} et environs`,
        `${p.label} ${natureName(rng)}`,
      ])
    case 'cabinet':
      return cabinetName(m, eg, p)
    case 'centre':
      if (p.category === '603') return `Maison de santé pluriprofessionnelle ${de(city)}`
      return rng.chance(0.7) ? `${p.label} ${de(city)}` : `${p.label} ${natureName(rng)}`
  }
}

const FORM_OF_STATUS: Record<string, string> = {
  '95': 'SAS',
  '72': 'SARL',
  '73': 'SA',
  '85': 'SELARL',
  '79': 'SCM',
  '88': 'SCP',
}

/** Name (raison sociale) of a legal entity (EJ), consistent with its first establishment. */
export function legalEntityName(m: Model, ej: number): string {
  const rng = m.base('Organization', ej, 3)
  const city = commune(m, ej)
  const status = legalStatusAt(m.ds.org.get('sub', ej)).code
  const kind = EJ_KINDS[m.ds.org.get('cat', ej)] ?? 'nonProfit'
  const first = ej + 1 < m.ds.org.length && m.ds.org.get('parent', ej + 1) === ej ? ej + 1 : -1
  const firstCat = first >= 0 ? categoryAt(m.ds.org.get('cat', first)).category : ''
  switch (kind) {
    case 'publicHospital':
      if (firstCat === '101') return `CHU ${de(city)}`
      if (firstCat === '292' || firstCat === '156' || firstCat === '425') return `EPSM ${de(city)}`
      return `Centre hospitalier ${de(city)}`
    case 'publicMs':
      return status === '17' ? `CCAS ${de(city)}` : `Etablissement public médico-social ${de(city)}`
    case 'municipal':
      return `Commune ${de(city)}`
    case 'nonProfit':
      return status === '47'
        ? `Mutualité Santé ${city}`
        : rng.chance(0.6)
          ? associationName(rng)
          : `Association ${natureName(rng)}`
    case 'commercial':
      return `${brandName(rng)} ${FORM_OF_STATUS[status] ?? 'SAS'}`
    case 'liberal': {
      const prac = first >= 0 ? m.firstPractitionerOf(first) : -1
      const who = prac >= 0 ? practitionerName(m, prac) : personName(rng)
      if (status === '70') return `${who.family} ${who.given}`
      if (status === '80') return `SISA ${de(city)}`
      return `${FORM_OF_STATUS[status] ?? 'SCM'} ${who.family}${rng.chance(0.5) ? ` ${personName(rng).family}` : ''}`
    }
  }
}

/** Name of an internal organisation: pôle or unit (OI). */
export function internalName(m: Model, oi: number): string {
  const cat = m.ds.org.get('cat', oi)
  if (m.ds.org.get('sub', oi) === 0) return `Pôle ${POLE_LABELS[cat] ?? 'Médecine'}`
  return serviceAt(cat).label
}

export function organizationName(m: Model, org: number): string {
  const kind = m.ds.org.get('kind', org)
  if (kind === ORG_KIND.ej) return legalEntityName(m, org)
  if (kind === ORG_KIND.eg) return establishmentName(m, org)
  return internalName(m, org)
}

/** Fictitious e-mail domain of an establishment. */
export function domainOf(m: Model, eg: number): string {
  return `${slug(establishmentName(m, eg)).slice(0, 40)}.example`
}

/** `Consultation (CS) ou Séance` → `Consultation ou Séance` (abbreviations dropped). */
export function modeLabel(mode: string): string {
  return concept('J19', mode).display.replace(/\s*\([^)]*\)/g, '')
}

/** `Hospitalisation complète (HC)` → `HOSPITALISATION COMPLETE`, as many producers write it. */
export function modeCaps(mode: string): string {
  return upperFold(modeLabel(mode))
}
