/**
 * Location (ror-location, lieu de réalisation de l'offre) → LocationRecord (ROR-FHIR-NOTES §3.3).
 */
import type { Capacity, Equipment, LocationRecord, Position } from '../snapshot/records'
import type { Extension, Location } from './fhir-types'
import {
  extensionByUrl,
  extensionCode,
  extensionsByUrl,
  firstCode,
  identifierByTypeCode,
  nonEmpty,
  referenceId,
} from './fhir'
import { communeCog, mapAddress, mapMeta, mapTelecoms, setIf } from './map-common'
import { EXT, ID_TYPE, SUB } from './urls'

const code = (ext: Extension | undefined, url: string) => extensionCode(extensionByUrl(ext, url))

/** One `ror-location-supported-capacity` (sub-values as CodeableConcept or code, notes §3.3 ⚠). */
export function mapCapacity(ext: Extension): Capacity | undefined {
  const count = extensionByUrl(ext, SUB.capacityCount)?.valueInteger
  if (typeof count !== 'number') return undefined
  const c: Capacity = { count }
  setIf(c, 'kind', code(ext, SUB.capacityType))
  setIf(c, 'status', code(ext, SUB.capacityStatus))
  setIf(c, 'temporality', code(ext, SUB.capacityTemporality))
  setIf(c, 'gender', code(ext, SUB.capacityGender))
  setIf(c, 'updatedAt', nonEmpty(extensionByUrl(ext, SUB.capacityUpdateDate)?.valueDateTime))
  setIf(c, 'closingType', code(ext, SUB.capacityClosingType))
  setIf(c, 'additionalBedType', code(ext, SUB.additionalBedType))
  setIf(c, 'crisisType', code(ext, SUB.crisisType))
  setIf(c, 'temporaryAssignment', code(ext, SUB.temporaryAssignment))
  return c
}

function mapEquipment(ext: Extension): Equipment | undefined {
  const kind = code(ext, SUB.equipmentType)
  if (kind === undefined) return undefined
  const e: Equipment = { kind, limits: [] }
  setIf(e, 'inService', extensionByUrl(ext, SUB.equipmentInService)?.valueInteger)
  for (const lim of extensionsByUrl(ext, EXT.equipmentLimit)) {
    const q = extensionByUrl(lim, SUB.equipmentLimitValue)?.valueQuantity
    const limit: Equipment['limits'][number] = {}
    setIf(limit, 'feature', code(lim, SUB.equipmentFeature))
    setIf(limit, 'value', q?.value)
    setIf(limit, 'unit', nonEmpty(q?.code) ?? nonEmpty(q?.unit))
    e.limits.push(limit)
  }
  return e
}

/** `Location.position` with `ror-coordinate-reliability`, kept as served when numeric. */
function mapPosition(loc: Location): Position | undefined {
  const p = loc.position
  if (!p || !Number.isFinite(p.latitude) || !Number.isFinite(p.longitude)) return undefined
  const pos: Position = { lat: p.latitude as number, lon: p.longitude as number }
  const reliable = extensionByUrl(p, EXT.coordinateReliability)?.valueBoolean
  if (typeof reliable === 'boolean') pos.isReliable = reliable
  return pos
}

/** Maps an (access-filtered) Location. */
export function mapLocation(loc: Location): LocationRecord {
  const meta = mapMeta(loc)
  const record: LocationRecord = {
    type: 'location',
    id: loc.id ?? '',
    lastUpdated: meta.lastUpdated,
    telecoms: mapTelecoms(loc.telecom),
  }
  const functional = identifierByTypeCode(loc.identifier, ID_TYPE.location) ?? loc.identifier?.[0]
  setIf(record, 'identifier', nonEmpty(functional?.value))
  setIf(record, 'name', nonEmpty(loc.name))
  setIf(record, 'description', nonEmpty(loc.description))
  setIf(record, 'function', firstCode(loc.type?.[0]))
  setIf(record, 'status', nonEmpty(loc.status))
  setIf(record, 'operationalStatus', nonEmpty(loc.operationalStatus?.code))
  setIf(record, 'address', mapAddress(loc.address, communeCog(loc)))
  setIf(record, 'position', mapPosition(loc))
  const capacities = extensionsByUrl(loc, EXT.supportedCapacity).flatMap(
    (e) => mapCapacity(e) ?? [],
  )
  if (capacities.length > 0) record.capacities = capacities
  const residential = extensionsByUrl(loc, EXT.residentialCapacity).flatMap((e) => {
    const count = extensionByUrl(e, SUB.residentialNumber)?.valueInteger
    if (typeof count !== 'number') return []
    const r: { kind?: string; count: number } = { count }
    setIf(r, 'kind', code(e, SUB.residentialType))
    return [r]
  })
  if (residential.length > 0) record.residentialCapacities = residential
  const equipment = extensionsByUrl(loc, EXT.equipment, EXT.equipmentFr).flatMap(
    (e) => mapEquipment(e) ?? [],
  )
  if (equipment.length > 0) record.equipment = equipment
  setIf(record, 'managingOrganization', referenceId(loc.managingOrganization, 'Organization'))
  setIf(record, 'partOf', referenceId(loc.partOf, 'Location'))
  setIf(record, 'region', meta.region)
  return record
}
