/**
 * Location resources (ror-location, notes §3.3): commune COG, functional identifier, status,
 * function (JDV_J198), address, position with ror-coordinate-reliability, managing
 * establishment and bed / place capacities (ror-location-supported-capacity) for the
 * hospitalisation and accommodation places of MCO, SMR, PSY and MS offers.
 */
import type { Extension, Location } from '../../core/ror/fhir-types'
import { templateAt } from './catalog'
import type { CapacitySpec } from './catalog-types'
import { isoSeconds } from './clock'
import { contactPoint, creationDate, metaOf, phoneNumber, prune } from './fhir-common'
import type { Model } from './model'
import { idOf, ref } from './model'
import { establishmentName } from './naming'
import { placePoint, postalAddress, upperFold } from './places'
import type { Rng } from './prng'
import { CS, EXT, PROFILE } from './systems'
import { codeable, coding } from './vocab'

export function placeIdentifier(m: Model, loc: number): string {
  return `${m.region('Location', loc)}/${loc + 1}`
}

interface CapacityRow {
  status: string
  count: number
  gender?: string
  isSupplementary?: boolean
}

function capacityExtension(row: CapacityRow, type: string, updated: string): Extension {
  const parts: Extension[] = []
  if (row.isSupplementary) {
    parts.push({ url: 'additionalBedType', valueCodeableConcept: codeable('R334', '03') })
    parts.push({ url: 'crisisType', valueCodeableConcept: codeable('R336', '02') })
  }
  parts.push(
    { url: 'nbCapacity', valueInteger: row.count },
    { url: 'capacityUpdateDate', valueDateTime: updated },
    { url: 'capacityStatus', valueCodeableConcept: codeable('J188', row.status) },
    { url: 'capacityType', valueCodeableConcept: codeable('J187', type) },
    { url: 'temporalityCapacity', valueCodeableConcept: codeable('J189', '01') },
    { url: 'capacitySourceType', valueCodeableConcept: codeable('R335', '01') },
  )
  if (row.gender)
    parts.push({
      url: 'genderCapacityAvailable',
      valueCodeableConcept: codeable('J190', row.gender),
    })
  parts.push({ url: 'temporaryAssignement', valueCodeableConcept: codeable('R337', '01') })
  return { url: EXT.supportedCapacity, extension: parts }
}

/** Installed capacity (stable) and availability (changes with each version). */
function capacities(
  m: Model,
  loc: number,
  spec: CapacitySpec,
  champ: string,
  versioned: Rng,
): Extension[] {
  const installed = m.base('Location', loc, 2).int(spec.min, spec.max)
  const updatedMs = m.ds.loc.get('updated', loc) - versioned.int(0, 72) * 3600_000
  const updated = isoSeconds(updatedMs - (updatedMs % 1000))
  const available = versioned.int(0, Math.max(1, Math.round(installed * 0.25)))
  const rows: CapacityRow[] = [{ status: '01', count: installed }]
  if (champ === '01' && versioned.chance(0.6)) {
    // Available beds split by gender, as in the ICU example of the IG.
    const women = versioned.int(0, available)
    const men = versioned.int(0, available - women)
    rows.push(
      { status: '02', count: women, gender: '01' },
      { status: '02', count: men, gender: '02' },
    )
    rows.push({ status: '02', count: available - women - men, gender: '03' })
  } else rows.push({ status: '02', count: available })
  if (champ === '01' && versioned.chance(0.5))
    rows.push({ status: '06', count: versioned.int(0, 3), isSupplementary: true })
  return rows.map((r) => capacityExtension(r, spec.type, updated))
}

function placeName(m: Model, loc: number, isAnnex: boolean): string {
  const t = templateAt(m.ds.loc.get('tpl', loc))
  const eg = m.ds.loc.get('eg', loc)
  const rng = m.base('Location', loc, 3)
  if (t.champ === '05' || t.champ === '04') {
    return isAnnex ? `${establishmentName(m, eg)} - antenne` : establishmentName(m, eg)
  }
  const label = upperFold(t.label)
  return rng.chance(0.3) ? `${label} - BATIMENT ${rng.pick(['A', 'B', 'C', 'D'])}` : label
}

export function placeResource(m: Model, loc: number): Location {
  const t = templateAt(m.ds.loc.get('tpl', loc))
  const eg = m.ds.loc.get('eg', loc)
  const region = m.region('Location', loc)
  const base = m.base('Location', loc)
  const versioned = m.versioned('Location', loc)
  const isAnnex = base.chance(0.12)
  const commune = m.ds.org.get('commune', eg)
  const closure = m.ds.loc.get('closure', loc)
  const extension: Extension[] = [
    {
      url: EXT.communeCog,
      valueCodeableConcept: {
        coding: [
          {
            system: CS.commune,
            code: m.communes.code[commune] ?? '',
            display: m.communes.name[commune] ?? '',
          },
        ],
      },
    },
    creationDate(m.ds.loc.get('created', loc)),
  ]
  if (t.capacity && closure !== 2)
    extension.push(...capacities(m, loc, t.capacity, t.champ, versioned))
  const point = placePoint(m, loc, isAnnex)
  const resource: Location = {
    resourceType: 'Location',
    id: idOf('Location', loc),
    meta: metaOf(m.ds.loc.get('updated', loc), PROFILE.location, region),
    extension,
    identifier: [{ type: { coding: [coding('J236', '25')] }, value: placeIdentifier(m, loc) }],
    status: closure === 2 ? 'inactive' : closure === 1 ? 'suspended' : 'active',
    name: placeName(m, loc, isAnnex),
    type: [codeable('J198', t.locationFunction)],
    address: postalAddress(m, isAnnex ? base : m.base('Organization', eg, 5), commune),
    managingOrganization: ref('Organization', eg),
  }
  if (point) {
    resource.position = {
      extension: [{ url: EXT.coordinateReliability, valueBoolean: point.isReliable }],
      longitude: point.lon,
      latitude: point.lat,
    }
  }
  // Place telecoms: a switchboard line most of the time, restricted for hospital wards.
  if (versioned.chance(0.4)) {
    resource.telecom = [
      contactPoint('2', t.champ === '05' ? '1' : '2', phoneNumber(versioned, region)),
    ]
  }
  return prune(resource)
}
