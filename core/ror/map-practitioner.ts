/**
 * PractitionerRole (situation opérationnelle) and Practitioner (professionnel) → records
 * (ROR-FHIR-NOTES §3.4).
 */
import type { Code, PractitionerRecord, PractitionerRoleRecord } from '../snapshot/records'
import type { Practitioner, PractitionerRole } from './fhir-types'
import {
  extensionByUrl,
  extensionCode,
  firstCode,
  humanName,
  isNonEmpty,
  nonEmpty,
  referenceId,
} from './fhir'
import { mapMeta, mapOpeningHours, mapTelecoms, setIf } from './map-common'
import { EXT, ID_NAT_PS_SYSTEM, SUB } from './urls'

/** `RORPractitionerRoleName`: exercise title (code), first and last name. */
function exerciseName(pr: PractitionerRole): PractitionerRoleRecord['exerciseName'] {
  const ext = extensionByUrl(pr, EXT.practitionerRoleName)
  if (!ext) return undefined
  const name: NonNullable<PractitionerRoleRecord['exerciseName']> = {}
  setIf(name, 'prefix', extensionCode(extensionByUrl(ext, SUB.exerciseTitle)))
  setIf(name, 'given', nonEmpty(extensionByUrl(ext, SUB.exerciseFirstName)?.valueString))
  setIf(name, 'family', nonEmpty(extensionByUrl(ext, SUB.exerciseLastName)?.valueString))
  return Object.keys(name).length > 0 ? name : undefined
}

/** Maps an (access-filtered) PractitionerRole. */
export function mapPractitionerRole(pr: PractitionerRole): PractitionerRoleRecord {
  const meta = mapMeta(pr)
  const specialties: Code[] = []
  for (const cc of pr.specialty ?? []) {
    for (const c of cc.coding ?? []) {
      if (!isNonEmpty(c.code)) continue
      const code: Code = { code: c.code }
      setIf(code, 'system', nonEmpty(c.system))
      specialties.push(code)
    }
  }
  const record: PractitionerRoleRecord = {
    type: 'practitionerRole',
    id: pr.id ?? '',
    locationIds: (pr.location ?? []).flatMap((r) => referenceId(r, 'Location') ?? []),
    specialties,
    telecoms: mapTelecoms(pr.telecom),
    openingHours: mapOpeningHours(pr.availableTime),
    lastUpdated: meta.lastUpdated,
  }
  setIf(record, 'practitionerId', referenceId(pr.practitioner, 'Practitioner'))
  setIf(record, 'offerId', referenceId(pr.healthcareService?.[0], 'HealthcareService'))
  setIf(record, 'organizationId', referenceId(pr.organization, 'Organization'))
  setIf(record, 'profession', firstCode(pr.code?.[0]))
  setIf(record, 'exerciseMode', extensionCode(extensionByUrl(pr, EXT.exerciseMode)))
  setIf(record, 'exerciseName', exerciseName(pr))
  setIf(record, 'region', meta.region)
  return record
}

/** Maps an (access-filtered) Practitioner. */
export function mapPractitioner(p: Practitioner): PractitionerRecord {
  const record: PractitionerRecord = {
    type: 'practitioner',
    id: p.id ?? '',
    telecoms: mapTelecoms(p.telecom),
    lastUpdated: mapMeta(p).lastUpdated,
  }
  // idNatPs (system urn:oid:1.2.250.1.71.4.2.1); RPPS/ADELI slices are forbidden by the profile.
  const idNatPs = p.identifier?.find((i) => i.system === ID_NAT_PS_SYSTEM) ?? p.identifier?.[0]
  setIf(record, 'idNatPs', nonEmpty(idNatPs?.value))
  setIf(record, 'name', humanName(p.name?.[0]))
  return record
}
