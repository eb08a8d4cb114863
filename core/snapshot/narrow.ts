/**
 * Second half of the access policy for resources mapped before all their offers were known.
 *
 * The builder maps a Location, Organization, PractitionerRole or Practitioner as soon as it
 * arrives, filtered with a *permissive* placement (every field condition of the rule table
 * holds, nothing is hidden for sensitivity). Once the whole batch is in, the real placement is
 * known and this module removes what the table forbids — using the same rules
 * (core/ror/access-rules.ts) on the confidentiality levels the records carry. The result equals
 * mapping the resource filtered with the full context (tested in builder.test.ts).
 */
import type { Placement } from '../ror/access-policy'
import { allows, allowsLevel } from '../ror/access-rules'
import type {
  AccessProfile,
  Contact,
  DomainRecord,
  LocationRecord,
  RecordType,
  Telecom,
} from './records'

/**
 * Whether a record of `type` is hidden whole for `profile` at `placement` (sensitive units,
 * roles and professionals by champ d'activité), without decoding it.
 */
export function isHiddenRecord(
  type: RecordType,
  profile: AccessProfile,
  placement: Placement,
): boolean {
  if (placement.hidden) return true
  if (type === 'practitionerRole') return !allows('practitionerRole', profile, placement.scope)
  if (type === 'practitioner') return !allows('practitioner', profile, placement.scope)
  return false
}

/** Narrows a record mapped with the permissive placement; null when it must be hidden. */
export function narrowRecord<R extends DomainRecord>(
  record: R,
  profile: AccessProfile,
  placement: Placement,
): R | null {
  if (isHiddenRecord(record.type, profile, placement)) return null
  return narrow(record, profile, placement) as R
}

function narrow(record: DomainRecord, profile: AccessProfile, placement: Placement): DomainRecord {
  const { scope } = placement
  const levelOk = (t: Telecom | Contact) => allowsLevel(t.confidentiality, profile, scope)
  const telecoms = (list: Telecom[]) => list.filter(levelOk)
  switch (record.type) {
    case 'offer':
      return record
    case 'organization': {
      const contacts = record.contacts
        .filter(levelOk)
        .map((c) => ({ ...c, telecoms: telecoms(c.telecoms) }))
      return { ...record, contacts, telecoms: telecoms(record.telecoms) }
    }
    case 'location': {
      const out: LocationRecord = { ...record }
      out.telecoms = allows('locationTelecom', profile, scope) ? telecoms(record.telecoms) : []
      if (!allows('capacities', profile, scope)) {
        delete out.capacities
        delete out.residentialCapacities
      }
      return out
    }
    case 'practitionerRole':
    case 'practitioner':
      return { ...record, telecoms: telecoms(record.telecoms) }
  }
}
