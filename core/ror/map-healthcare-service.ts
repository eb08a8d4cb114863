/**
 * HealthcareService (ror-healthcareservice, the offer) → OfferRecord (ROR-FHIR-NOTES §3.1).
 * The resource is assumed validated (schemas.ts) and already filtered by the access policy.
 */
import type { Characteristic, OfferRecord } from '../snapshot/records'
import { ageRangeFromFhir } from './age'
import { characteristicSlice } from './characteristic'
import type { CodeableConcept, HealthcareService } from './fhir-types'
import {
  extensionByUrl,
  extensionCode,
  extensionsByUrl,
  identifierByTypeCode,
  isNonEmpty,
  nonEmpty,
  nosId,
  referenceId,
} from './fhir'
import {
  mapHsContact,
  mapMeta,
  mapOpeningHours,
  mapTelecoms,
  mapTerritorialDivisions,
  setIf,
} from './map-common'
import { EXT, ID_TYPE, SUB } from './urls'

const ACTIVITY_SYSTEMS = new Set(['TRE_R211', 'JDV_J17'])
const FAMILY_SYSTEMS = new Set(['TRE_R266', 'TRE_R265', 'JDV_J51'])
const FIELD_SYSTEMS = new Set(['TRE_R227', 'JDV_J20'])
const OFFER_TYPE_SYSTEMS = new Set(['TRE_R244', 'JDV_J238'])

/** Codes of the codings whose NOS system is in `systems` (slices sliced on coding.system). */
export function codesOfNos(
  concepts: readonly CodeableConcept[] | undefined,
  systems: ReadonlySet<string>,
): string[] {
  const out: string[] = []
  for (const cc of concepts ?? []) {
    for (const c of cc.coding ?? []) {
      const id = nosId(c.system)
      if (id !== undefined && systems.has(id) && isNonEmpty(c.code)) out.push(c.code)
    }
  }
  return out
}

/** Champ d'activité of an offer (TRE_R227 code of `HealthcareService.type`), as served. */
export function fieldOf(hs: HealthcareService): string | undefined {
  return codesOfNos(hs.type, FIELD_SYSTEMS)[0] ?? nonEmpty(hs.type?.[0]?.coding?.[0]?.code)
}

/** `ror-healthcareservice-sensitive-unit`; a missing flag reads as "not sensitive". */
export function isSensitiveOffer(hs: HealthcareService): boolean {
  return extensionByUrl(hs, EXT.sensitiveUnit)?.valueBoolean === true
}

/** Location ids referenced by `HealthcareService.location`. */
export function locationIdsOf(hs: HealthcareService): string[] {
  return (hs.location ?? []).flatMap((r) => referenceId(r, 'Location') ?? [])
}

function mapCharacteristics(hs: HealthcareService): Characteristic[] {
  const out: Characteristic[] = []
  for (const cc of hs.characteristic ?? []) {
    const slice = characteristicSlice(cc)
    for (const c of cc.coding ?? []) {
      if (!isNonEmpty(c.code)) continue
      const ch: Characteristic = { slice, code: c.code }
      setIf(ch, 'system', nonEmpty(c.system))
      out.push(ch)
    }
  }
  return out
}

function mapPatientType(hs: HealthcareService, record: OfferRecord): void {
  const patientType = extensionByUrl(hs, EXT.patientType)
  for (const info of extensionsByUrl(patientType, SUB.supportedPatientInfo)) {
    const code = extensionCode(info)
    if (code !== undefined) record.publics.push(code)
  }
  setIf(record, 'age', ageRangeFromFhir(extensionByUrl(patientType, SUB.ageRange)?.valueRange))
}

function mapClosure(hs: HealthcareService): OfferRecord['closure'] {
  // Slice `closingReopeningDate` is discriminated on `id` (notes §3.1).
  const na =
    hs.notAvailable?.find((n) => n.id === 'closingReopeningDate') ??
    hs.notAvailable?.find((n) => n.during !== undefined)
  if (!na) return undefined
  const closure: NonNullable<OfferRecord['closure']> = {}
  setIf(closure, 'start', nonEmpty(na.during?.start))
  setIf(closure, 'end', nonEmpty(na.during?.end))
  setIf(closure, 'description', nonEmpty(na.description))
  return Object.keys(closure).length > 0 ? closure : undefined
}

/** Maps an (access-filtered) HealthcareService to its offer record. */
export function mapHealthcareService(hs: HealthcareService): OfferRecord {
  const meta = mapMeta(hs)
  const characteristics = mapCharacteristics(hs)
  const record: OfferRecord = {
    type: 'offer',
    id: hs.id ?? '',
    name: hs.name ?? '',
    lastUpdated: meta.lastUpdated,
    locationIds: locationIdsOf(hs),
    activities: codesOfNos(hs.specialty, ACTIVITY_SYSTEMS),
    activityFamilies: codesOfNos(hs.specialty, FAMILY_SYSTEMS),
    careModes: characteristics.filter((c) => c.slice === 'careMode').map((c) => c.code),
    characteristics,
    publics: [],
    openingHours: mapOpeningHours(hs.availableTime),
    interventionZones: mapTerritorialDivisions(hs),
    psychiatricSectors: extensionsByUrl(hs, EXT.psychiatricSector).flatMap(
      (e) => nonEmpty(e.valueString) ?? [],
    ),
    contacts: extensionsByUrl(hs, EXT.hsContact).map(mapHsContact),
    telecoms: mapTelecoms(hs.telecom),
  }
  const functional = identifierByTypeCode(hs.identifier, ID_TYPE.offer) ?? hs.identifier?.[0]
  setIf(record, 'identifier', nonEmpty(functional?.value))
  setIf(record, 'region', meta.region)
  setIf(record, 'createdAt', meta.createdAt)
  setIf(record, 'providedBy', referenceId(hs.providedBy, 'Organization'))
  setIf(record, 'field', fieldOf(hs))
  setIf(record, 'offerType', codesOfNos(hs.category, OFFER_TYPE_SYSTEMS)[0])
  mapPatientType(hs, record)
  setIf(record, 'closure', mapClosure(hs))
  const sensitive = extensionByUrl(hs, EXT.sensitiveUnit)?.valueBoolean
  if (typeof sensitive === 'boolean') record.isSensitive = sensitive
  return record
}
