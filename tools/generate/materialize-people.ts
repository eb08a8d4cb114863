/**
 * PractitionerRole (ror-practitionerrole) and Practitioner (ror-practitioner) resources of the
 * liberal offers (notes §3.4): profession TRE_G15, exercise mode TRE_R23, exercise name,
 * references to the offer, the practitioner, the cabinet (EG) and its place; Practitioner
 * with idNatPs (8 + RPPS), name, gender and an MSS mailbox (restricted, level 2).
 */
import type { Practitioner, PractitionerRole } from '../../core/ror/fhir-types'
import { categoryAt, templateAt } from './catalog'
import { contactPoint, creationDate, metaOf, phoneNumber, prune } from './fhir-common'
import { openingHours } from './hours'
import { rpps } from './identifiers'
import type { Model } from './model'
import { idOf, ref } from './model'
import { practitionerName } from './naming'
import { slug } from './names'
import { EXT, ID_SYSTEM, PROFILE } from './systems'
import { codeable, coding } from './vocab'

export function roleIdentifier(m: Model, pr: number): string {
  return `${m.region('PractitionerRole', pr)}/SO${String(pr + 1).padStart(7, '0')}`
}

export function practitionerIdentifier(prac: number): string {
  return `8${rpps(prac)}`
}

export function roleResource(m: Model, pr: number): PractitionerRole {
  const t = m.ds.pr
  const tpl = templateAt(t.get('tpl', pr))
  const eg = t.get('eg', pr)
  const prac = t.get('prac', pr)
  const loc = t.get('loc', pr)
  const region = m.region('PractitionerRole', pr)
  const who = practitionerName(m, prac)
  const versioned = m.versioned('PractitionerRole', pr)
  // Centres de santé employ their professionals; cabinets and MSP are liberal.
  const category = categoryAt(m.ds.org.get('cat', eg)).category
  const mode = category === '124' || category === 'SA05' ? 'S' : 'L'
  const resource: PractitionerRole = {
    resourceType: 'PractitionerRole',
    id: idOf('PractitionerRole', pr),
    meta: metaOf(t.get('updated', pr), PROFILE.practitionerRole, region),
    extension: [
      creationDate(t.get('created', pr)),
      {
        url: EXT.practitionerRoleName,
        extension: [
          { url: 'exerciseFirstName', valueString: who.given },
          { url: 'exerciseLastName', valueString: who.family },
        ],
      },
      { url: EXT.exerciseMode, valueCodeableConcept: codeable('R23', mode) },
    ],
    identifier: [{ type: { coding: [coding('J236', '30')] }, value: roleIdentifier(m, pr) }],
    practitioner: ref('Practitioner', prac),
    organization: ref('Organization', eg),
    code: [codeable('G15', tpl.profession ?? '10')],
    location: loc >= 0 ? [ref('Location', loc)] : undefined,
    healthcareService: [ref('HealthcareService', t.get('hs', pr))],
    telecom: [contactPoint('2', versioned.chance(0.8) ? '1' : '2', phoneNumber(versioned, region))],
    availableTime: openingHours(versioned, 'consult', { hasDaysOfWeek: false }),
  }
  return prune(resource)
}

export function practitionerResource(m: Model, prac: number): Practitioner {
  const t = m.ds.prac
  const who = practitionerName(m, prac)
  const versioned = m.versioned('Practitioner', prac)
  const resource: Practitioner = {
    resourceType: 'Practitioner',
    id: idOf('Practitioner', prac),
    meta: metaOf(t.get('updated', prac), PROFILE.practitioner, m.region('Practitioner', prac)),
    extension: [creationDate(t.get('created', prac))],
    identifier: [{ system: ID_SYSTEM.idNatPs, value: practitionerIdentifier(prac) }],
    name: [{ family: who.family, given: [who.given] }],
    gender: who.gender,
  }
  if (versioned.chance(0.7)) {
    const mss = `${slug(who.given)}.${slug(who.family)}${prac % 97}@pro.mssante.example`
    resource.telecom = [contactPoint('3', '2', mss)]
  }
  return prune(resource)
}
