/**
 * Mapping of the datatypes shared by several ROR resources: telecoms with their three ROR
 * extensions, contacts, addresses, opening hours, territorial divisions (ROR-FHIR-NOTES §3).
 */
import type {
  Address as AddressRecord,
  Contact,
  OpeningHours,
  TerritorialDivision,
  Telecom,
} from '../snapshot/records'
import {
  hsContactLevel,
  hsContactTelecomLevel,
  orgContactLevel,
  stricter,
  telecomLevel,
} from './confidentiality'
import type {
  Address,
  AvailableTime,
  ContactPoint,
  Element,
  Extension,
  OrganizationContact,
  Resource,
} from './fhir-types'
import {
  extensionByUrl,
  extensionCode,
  extensionsByUrl,
  firstCode,
  humanNameText,
  isNonEmpty,
  nonEmpty,
  regionTag,
} from './fhir'
import { EXT, SUB } from './urls'

/** Copies `value` into `target[key]` only when defined (records omit absent elements). */
export function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (value !== undefined) target[key] = value
}

/** A ContactPoint (Organization/HealthcareService/Location/PractitionerRole/Practitioner.telecom). */
export function mapTelecom(cp: ContactPoint): Telecom | undefined {
  if (!isNonEmpty(cp.value)) return undefined
  const t: Telecom = { value: cp.value, confidentiality: telecomLevel(cp) }
  // The channel is keyed on its code: some examples use the extension URL as code system.
  setIf(t, 'channel', extensionCode(extensionByUrl(cp, EXT.telecomChannel)))
  setIf(t, 'system', nonEmpty(cp.system))
  setIf(t, 'usage', extensionCode(extensionByUrl(cp, EXT.telecomUsage)))
  return t
}

/** Every ContactPoint that has a value (ContactPoint.value is 1..1 in the ROR profiles). */
export function mapTelecoms(cps: readonly ContactPoint[] | undefined): Telecom[] {
  const out: Telecom[] = []
  for (const cp of cps ?? []) {
    const t = mapTelecom(cp)
    if (t) out.push(t)
  }
  return out
}

/** `ror-healthcareservice-contact-telecom`: channel, usage, level, `telecomAddress`. */
function mapHsContactTelecom(ext: Element, contactLevel: Contact['confidentiality']) {
  const value = nonEmpty(extensionByUrl(ext, SUB.telecomAddress)?.valueString)
  if (value === undefined) return undefined
  // A telecom is never more visible than the contact holding it.
  const t: Telecom = { value, confidentiality: stricter(hsContactTelecomLevel(ext), contactLevel) }
  setIf(t, 'channel', extensionCode(extensionByUrl(ext, EXT.telecomChannel)))
  setIf(t, 'usage', extensionCode(extensionByUrl(ext, EXT.telecomUsage)))
  return t
}

/** One `ror-healthcareservice-contact` extension (notes §3.1 "contacts of the offer"). */
export function mapHsContact(ext: Extension): Contact {
  const level = hsContactLevel(ext)
  const telecoms: Telecom[] = []
  for (const t of extensionsByUrl(ext, EXT.hsContactTelecom)) {
    const mapped = mapHsContactTelecom(t, level)
    if (mapped) telecoms.push(mapped)
  }
  const c: Contact = { confidentiality: level, telecoms }
  setIf(c, 'name', humanNameText(extensionByUrl(ext, SUB.contactName)?.valueHumanName))
  setIf(c, 'function', extensionCode(extensionByUrl(ext, EXT.contactFunction, SUB.contactFunction)))
  setIf(c, 'purpose', extensionCode(extensionByUrl(ext, SUB.contactPurpose)))
  setIf(c, 'description', nonEmpty(extensionByUrl(ext, SUB.contactDescription)?.valueString))
  return c
}

/** One `Organization.contact` (notes §3.2 "contacts"). */
export function mapOrgContact(contact: OrganizationContact): Contact {
  const level = orgContactLevel(contact)
  const telecoms = mapTelecoms(contact.telecom).map((t) => ({
    ...t,
    confidentiality: stricter(t.confidentiality, level),
  }))
  const c: Contact = { confidentiality: level, telecoms }
  setIf(c, 'name', humanNameText(contact.name))
  setIf(c, 'function', extensionCode(extensionByUrl(contact, EXT.contactFunction)))
  setIf(c, 'purpose', firstCode(contact.purpose))
  setIf(c, 'description', nonEmpty(extensionByUrl(contact, EXT.contactDescription)?.valueString))
  return c
}

/** Address lines, postal code, city and the commune code when known. */
export function mapAddress(
  addr: Address | undefined,
  communeCode?: string,
): AddressRecord | undefined {
  const out: AddressRecord = {}
  const lines = addr?.line?.filter(isNonEmpty)
  if (lines && lines.length > 0) out.lines = lines
  setIf(out, 'postalCode', nonEmpty(addr?.postalCode))
  setIf(out, 'city', nonEmpty(addr?.city))
  setIf(out, 'communeCode', communeCode ?? inseeCodeOfAddress(addr))
  return Object.keys(out).length > 0 ? out : undefined
}

/** FR Core INSEE code extension on an Address (notes §3.2 address). */
export function inseeCodeOfAddress(addr: Address | undefined): string | undefined {
  return extensionCode(extensionByUrl(addr, EXT.frInseeCode))
}

/** `ror-commune-cog` on a Location or an Organization (notes §3.3). */
export function communeCog(holder: Element): string | undefined {
  return extensionCode(extensionByUrl(holder, EXT.communeCog))
}

const DAY_CODES: Readonly<Record<string, number>> = {
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
}

/**
 * `availableTime` entries. Days come from `ror-available-time-number-days-of-week` (1 =
 * Monday, preferred by the IG) or else from FHIR `daysOfWeek`. The ROR serves one entry per
 * day; entries identical but for the day are merged (`days: [1, 2, 3, 4, 5]`), which is what
 * a reader wants and keeps a national snapshot smaller.
 */
export function mapOpeningHours(times: readonly AvailableTime[] | undefined): OpeningHours[] {
  const merged = new Map<string, OpeningHours>()
  for (const at of times ?? []) {
    const h = mapAvailableTime(at)
    const key = [h.allDay, h.start, h.end, h.kind, h.effectiveFrom, h.effectiveTo].join('|')
    const same = merged.get(key)
    if (!same) merged.set(key, h)
    else for (const d of h.days) if (!same.days.includes(d)) same.days.push(d)
  }
  const out = [...merged.values()]
  for (const h of out) h.days.sort((a, b) => a - b)
  return out
}

function mapAvailableTime(at: AvailableTime): OpeningHours {
  const rorDay = extensionByUrl(at, EXT.availableTimeDays)?.valueInteger
  const days =
    typeof rorDay === 'number' && rorDay >= 1 && rorDay <= 7
      ? [rorDay]
      : (at.daysOfWeek ?? []).flatMap((d) => DAY_CODES[d] ?? [])
  const h: OpeningHours = { days }
  if (at.allDay === true) h.allDay = true
  setIf(h, 'start', nonEmpty(at.availableStartTime))
  setIf(h, 'end', nonEmpty(at.availableEndTime))
  setIf(h, 'kind', extensionCode(extensionByUrl(at, EXT.availableTimeType)))
  const effective = extensionByUrl(at, EXT.availableTimeEffective)?.valuePeriod
  setIf(h, 'effectiveFrom', nonEmpty(effective?.start))
  setIf(h, 'effectiveTo', nonEmpty(effective?.end))
  return h
}

/** `ror-territorial-division` (zone d'intervention / territoire de santé, notes §3.1). */
export function mapTerritorialDivisions(holder: Element): TerritorialDivision[] {
  const out: TerritorialDivision[] = []
  for (const ext of extensionsByUrl(holder, EXT.territorialDivision)) {
    const code = extensionCode(extensionByUrl(ext, SUB.territoryCode))
    if (code === undefined) continue
    const d: TerritorialDivision = { code }
    setIf(d, 'type', extensionCode(extensionByUrl(ext, SUB.territoryType)))
    out.push(d)
  }
  return out
}

/** `meta.lastUpdated` (validated as required), region tag and `ror-meta-creation-date`. */
export function mapMeta(resource: Resource): {
  lastUpdated: string
  region?: string
  createdAt?: string
} {
  const out: { lastUpdated: string; region?: string; createdAt?: string } = {
    lastUpdated: resource.meta?.lastUpdated ?? '',
  }
  setIf(out, 'region', regionTag(resource.meta))
  setIf(out, 'createdAt', nonEmpty(extensionByUrl(resource, EXT.creationDate)?.valueDateTime))
  return out
}
