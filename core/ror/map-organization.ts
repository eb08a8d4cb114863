/**
 * Organization (ror-organization: EJ, EG or OI) → OrganizationRecord (ROR-FHIR-NOTES §2, §3.2).
 */
import type { OrganizationKind, OrganizationRecord, Position } from '../snapshot/records'
import type { Address, Organization } from './fhir-types'
import {
  extensionByUrl,
  extensionCode,
  identifierByTypeCode,
  nonEmpty,
  nosId,
  referenceId,
} from './fhir'
import { communeCog, mapAddress, mapMeta, mapOrgContact, mapTelecoms, setIf } from './map-common'
import { EXT, ID_NAT_STRUCT_SYSTEM, ID_TYPE, SUB } from './urls'

/** OI type code systems: JDV_J203 / TRE_R207, and the HL7 France table used by the IG example. */
const OI_TYPE_SYSTEM = 'http://interopsante.org/fhir/CodeSystem/fr-v2-3307'
const OI_TYPE_NOS = new Set(['JDV_J203', 'TRE_R207'])
const CATEGORY_NOS = new Set(['TRE_R66', 'JDV_J55', 'TRE_R02'])
const LEGAL_STATUS_NOS = new Set(['TRE_R72', 'JDV_J199'])

function typeCode(org: Organization, test: (system: string | undefined) => boolean) {
  for (const cc of org.type ?? []) {
    const c = cc.coding?.find((x) => test(x.system) && nonEmpty(x.code))
    if (c?.code) return c.code
  }
  return undefined
}

const byNos = (set: ReadonlySet<string>) => (system: string | undefined) => {
  const id = nosId(system)
  return id !== undefined && set.has(id)
}

/**
 * EJ, EG or OI (notes §2): an OI carries `identifier[identifierOI]` (type TRE_R345 #42) or a
 * `type[OIType]`; otherwise an organisation with `partOf` is an EG (its parent is the EJ), and
 * one without `partOf` is an EJ — unless it has an establishment category or a SIRET, which only
 * EGs carry (an EG whose `partOf` is missing from the data).
 */
export function organizationKind(org: Organization): OrganizationKind {
  const oiType = typeCode(org, (s) => s === OI_TYPE_SYSTEM || byNos(OI_TYPE_NOS)(s))
  if (identifierByTypeCode(org.identifier, ID_TYPE.oi) || oiType !== undefined) return 'OI'
  if (org.partOf?.reference) return 'EG'
  const isEgLike =
    typeCode(org, byNos(CATEGORY_NOS)) !== undefined ||
    identifierByTypeCode(org.identifier, ID_TYPE.siret) !== undefined
  return isEgLike ? 'EG' : 'EJ'
}

/** `address.extension[geolocation]` with `ror-confidence-geolocation` (notes §3.2, §3.6). */
export function addressGeolocation(addr: Address | undefined): Position | undefined {
  const geo = extensionByUrl(addr, EXT.geolocation)
  const lat = extensionByUrl(geo, SUB.latitude)?.valueDecimal
  const lon = extensionByUrl(geo, SUB.longitude)?.valueDecimal
  if (typeof lat !== 'number' || typeof lon !== 'number') return undefined
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return undefined
  const pos: Position = { lat, lon }
  const reliable = extensionByUrl(geo, EXT.confidenceGeolocation)?.valueBoolean
  if (typeof reliable === 'boolean') pos.isReliable = reliable
  return pos
}

/** Maps an (access-filtered) Organization. */
export function mapOrganization(org: Organization): OrganizationRecord {
  const meta = mapMeta(org)
  const addr = org.address?.[0]
  const record: OrganizationRecord = {
    type: 'organization',
    id: org.id ?? '',
    kind: organizationKind(org),
    name: org.name ?? '',
    lastUpdated: meta.lastUpdated,
    contacts: (org.contact ?? []).map(mapOrgContact),
    telecoms: mapTelecoms(org.telecom),
  }
  setIf(record, 'alias', nonEmpty(org.alias?.[0]))
  setIf(record, 'region', meta.region)
  setIf(record, 'partOf', referenceId(org.partOf, 'Organization'))
  // Identifiers are matched on their type code (JDV_J236), never on system (notes §3.7).
  const ids = org.identifier
  setIf(record, 'finess', nonEmpty(identifierByTypeCode(ids, ID_TYPE.finess)?.value))
  setIf(record, 'siret', nonEmpty(identifierByTypeCode(ids, ID_TYPE.siret)?.value))
  setIf(record, 'siren', nonEmpty(identifierByTypeCode(ids, ID_TYPE.siren)?.value))
  const idNat =
    identifierByTypeCode(ids, ID_TYPE.idNatStruct) ??
    ids?.find((i) => i.system === ID_NAT_STRUCT_SYSTEM)
  setIf(record, 'idNatStruct', nonEmpty(idNat?.value))
  setIf(record, 'category', typeCode(org, byNos(CATEGORY_NOS)))
  setIf(record, 'legalStatus', typeCode(org, byNos(LEGAL_STATUS_NOS)))
  setIf(
    record,
    'oiType',
    typeCode(org, (s) => s === OI_TYPE_SYSTEM || byNos(OI_TYPE_NOS)(s)),
  )
  setIf(record, 'address', mapAddress(addr, communeCog(org) ?? undefined))
  setIf(record, 'geolocation', addressGeolocation(addr))
  const dropZone = extensionByUrl(org, EXT.dropZone)?.valueBoolean
  if (typeof dropZone === 'boolean') record.hasDropZone = dropZone
  setIf(record, 'orsanLevel', extensionCode(extensionByUrl(org, EXT.orsanLevel, EXT.orsanLevelId)))
  const period = extensionByUrl(org, EXT.organizationPeriod)?.valuePeriod
  setIf(record, 'openedAt', nonEmpty(period?.start))
  setIf(record, 'closedAt', nonEmpty(period?.end))
  return record
}
