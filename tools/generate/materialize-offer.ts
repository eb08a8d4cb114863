/**
 * HealthcareService resources (ror-healthcareservice, notes §3.1): champ, type d'offre,
 * activité, characteristics, patient type and ages, contacts with confidentiality levels,
 * sensitive-unit flag, psychiatric sectors, intervention zones, opening hours and closures.
 */
import type {
  Extension,
  HealthcareService,
  HumanName,
  NotAvailable,
} from '../../core/ror/fhir-types'
import { categoryAt, templateAt } from './catalog'
import { isoDate } from './clock'
import { contactPoint, creationDate, metaOf, offerContact, prune } from './fhir-common'
import { openingHours } from './hours'
import type { Model } from './model'
import { idOf, ref } from './model'
import { domainOf, establishmentName, modeCaps, modeLabel, practitionerName } from './naming'
import { de, personName } from './names'
import {
  activityLabel,
  characteristics,
  interventionZones,
  patientType,
  psychiatricSectors,
} from './offer-parts'
import { EXT, PROFILE } from './systems'
import { codeable, coding } from './vocab'

/** Functional id known by the ROR instance: `<region>/<7 digits>` (TRE_R355 #35). */
export function offerIdentifier(m: Model, hs: number): string {
  return `${m.region('HealthcareService', hs)}/${String(hs + 1).padStart(7, '0')}`
}

function offerName(m: Model, hs: number, activity: string, mode: string): string {
  const t = templateAt(m.ds.hs.get('tpl', hs))
  const eg = m.ds.hs.get('eg', hs)
  const nth = m.ds.hs.get('nth', hs)
  const rng = m.base('HealthcareService', hs, 2)
  const suffix = nth > 1 ? ` ${nth}` : ''
  if (t.champ === '05' && t.profession) {
    const r = rng.next()
    if (r < 0.4) return activityLabel(activity)
    return r < 0.7 ? establishmentName(m, eg) : `${t.label} - ${establishmentName(m, eg)}`
  }
  if (t.champ === '04')
    return rng.chance(0.6) ? `${t.label}${suffix}` : `${t.label} - ${establishmentName(m, eg)}`
  const r = rng.next()
  if (r < 0.35) return `${t.label}${suffix}`
  if (r < 0.7) return `${activityLabel(activity)}${suffix} - ${modeCaps(mode)}`
  if (r < 0.85) return `${rng.int(1000, 9999)}  ${activityLabel(activity)} - ${modeCaps(mode)}`
  return `${modeLabel(mode)} ${de(t.label.toLowerCase())}${suffix}`
}

function closure(m: Model, hs: number): NotAvailable[] {
  const closedAt = m.ds.hs.get('closedAt', hs)
  if (closedAt === 0) return []
  const isTemporary = m.ds.hs.get('closure', hs) === 1
  const rng = m.base('HealthcareService', hs, 3)
  const during: { start: string; end?: string } = { start: isoDate(closedAt * 1000) }
  if (isTemporary) during.end = isoDate((closedAt + rng.int(15, 120) * 86400) * 1000)
  return [
    {
      id: 'closingReopeningDate',
      description: isTemporary ? 'Fermeture temporaire' : 'Fermeture définitive',
      during,
    },
  ]
}

function contacts(m: Model, hs: number, region: string): Extension[] {
  const rng = m.versioned('HealthcareService', hs)
  const eg = m.ds.hs.get('eg', hs)
  const domain = domainOf(m, eg)
  const n = rng.next() < 0.2 ? 0 : rng.chance(0.75) ? 1 : 2
  const out: Extension[] = []
  for (let k = 0; k < n; k += 1) {
    let name: HumanName | undefined
    if (rng.chance(0.15)) {
      const who = personName(rng)
      name = { family: who.family, given: [who.given], prefix: rng.chance(0.5) ? ['Dr'] : [] }
      if (name.prefix?.length === 0) delete name.prefix
    }
    out.push(
      offerContact(rng, region, domain, name, templateAt(m.ds.hs.get('tpl', hs)).champ === '05'),
    )
  }
  return out
}

function extensions(m: Model, hs: number, region: string): Extension[] {
  const t = templateAt(m.ds.hs.get('tpl', hs))
  const eg = m.ds.hs.get('eg', hs)
  const base = m.base('HealthcareService', hs)
  const sensitive = base.chance(t.champ === '03' || t.publics?.includes('04') ? 0.05 : 0.017)
  const out: Extension[] = [
    creationDate(m.ds.hs.get('created', hs)),
    { url: EXT.sensitiveUnit, valueBoolean: sensitive },
    patientType(base, t),
    ...contacts(m, hs, region),
  ]
  if (t.psySector) out.push(...psychiatricSectors(m, eg, t.psySector))
  if (t.noConsent && base.chance(0.7))
    out.push({ url: EXT.noConsentHabilitation, valueBoolean: true })
  if (t.zones) out.push(...interventionZones(m, eg, base))
  return out
}

export function offerResource(m: Model, hs: number): HealthcareService {
  const t = templateAt(m.ds.hs.get('tpl', hs))
  const eg = m.ds.hs.get('eg', hs)
  const region = m.region('HealthcareService', hs)
  const base = m.base('HealthcareService', hs, 1)
  const versioned = m.versioned('HealthcareService', hs)
  // Several offers of one template in an establishment cycle through its activities and
  // modes (e.g. cardiology: one unit in hospitalisation complète, one in consultation).
  const k = m.ds.hs.get('nth', hs) - 1
  const activity =
    t.activities[(base.int(0, t.activities.length - 1) + k) % t.activities.length] ?? ''
  const mode = t.modes[(base.int(0, t.modes.length - 1) + k) % t.modes.length] ?? ''
  const locations = [m.ds.hs.get('loc0', hs), m.ds.hs.get('loc1', hs)].filter((l) => l >= 0)
  const resource: HealthcareService = {
    resourceType: 'HealthcareService',
    id: idOf('HealthcareService', hs),
    meta: metaOf(m.ds.hs.get('updated', hs), PROFILE.healthcareService, region),
    extension: extensions(m, hs, region),
    identifier: [{ type: { coding: [coding('J236', '35')] }, value: offerIdentifier(m, hs) }],
    providedBy: ref('Organization', m.ds.hs.get('org', hs)),
    category: t.offerType ? [codeable('J238', t.offerType)] : undefined,
    type: [codeable('J20', t.champ)],
    specialty: [codeable('J17', activity)],
    location: locations.map((l) => ref('Location', l)),
    name: offerName(m, hs, activity, mode),
    characteristic: characteristics(base, t, mode),
    availableTime: openingHours(versioned, t.hours, {
      hasDaysOfWeek: base.chance(0.5),
      effectiveFrom: versioned.chance(0.3) ? m.ds.hs.get('updated', hs) : undefined,
    }),
    notAvailable: closure(m, hs),
  }
  if (versioned.chance(0.2)) {
    const who = categoryAt(m.ds.org.get('cat', eg)).ville
      ? practitionerName(m, Math.max(0, m.firstPractitionerOf(eg)))
      : undefined
    const local = who ? `${who.given}.${who.family}` : 'secretariat'
    const mss = `${local
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z.]/g, '')}@${domainOf(m, eg).replace(/\.example$/, '.mssante.example')}`
    resource.telecom = [contactPoint('3', '2', mss)]
  }
  return prune(resource)
}
