/**
 * Organization resources (ror-organization): EJ (SIREN, FINESS, idNatStruct, statut
 * juridique), EG (FINESS ET, SIRET, catégorie JDV_J55, address with INSEE code and
 * geolocation, contacts, partOf → EJ) and OI (identifierOI, type, partOf → EG or pôle).
 * Element paths follow ROR-FHIR-NOTES §3.2 and the EJ / EG examples of the IG.
 */
import type {
  Extension,
  Identifier,
  Organization,
  OrganizationContact,
} from '../../core/ror/fhir-types'
import { categoryAt } from './catalog'
import { contactPoint, creationDate, metaOf, organizationContact, prune } from './fhir-common'
import { finess, siren, siret } from './identifiers'
import { legalStatusAt } from './legal'
import type { Model } from './model'
import { idOf, ref } from './model'
import { domainOf, organizationName } from './naming'
import { egPoint, geolocationExtension, inseeCodeExtension, postalAddress } from './places'
import { EXT, ID_SYSTEM, PROFILE } from './systems'
import { ORG_KIND } from './tables'
import { codeable, coding } from './vocab'

function typedId(code: string, system: string, value: string): Identifier {
  return { type: { coding: [coding('J236', code)] }, system, value }
}

/** FINESS of an EJ or EG, or undefined for liberal cabinets and their legal entities. */
export function finessOf(m: Model, org: number): string | undefined {
  const serial = m.ds.org.get('serial', org)
  if (serial < 0) return undefined
  return finess(m.communes.departement[m.ds.org.get('commune', org)] ?? '75', serial)
}

export function sirenOf(ej: number): string {
  return siren(ej)
}

export function siretOf(m: Model, eg: number): string {
  return siret(sirenOf(m.ds.org.get('parent', eg)), m.ds.org.get('aux', eg))
}

export function oiIdentifier(m: Model, oi: number): string {
  const eg = m.egOf(oi)
  return `${finessOf(m, eg) ?? idOf('Organization', eg)}-${String(m.ds.org.get('aux', oi)).padStart(3, '0')}`
}

/** idNatStruct: the TRE_G07 type digit followed by the underlying number (notes §3.2). */
export function identifierValuesOfOrg(m: Model, org: number): string[] {
  const kind = m.ds.org.get('kind', org)
  if (kind === ORG_KIND.oi) return [oiIdentifier(m, org)]
  const fin = finessOf(m, org)
  if (kind === ORG_KIND.ej) {
    const sirenValue = sirenOf(org)
    return fin ? [`1${fin}`, fin, sirenValue] : [`2${sirenValue}`, sirenValue]
  }
  const siretValue = siretOf(m, org)
  return fin ? [`1${fin}`, fin, siretValue] : [`3${siretValue}`, siretValue]
}

function identifiers(m: Model, org: number): Identifier[] {
  const kind = m.ds.org.get('kind', org)
  if (kind === ORG_KIND.oi) return [typedId('42', ID_SYSTEM.oi, oiIdentifier(m, org))]
  const [idNat = '', ...rest] = identifierValuesOfOrg(m, org)
  const out: Identifier[] = [{ use: 'official', ...typedId('40', ID_SYSTEM.idNatStruct, idNat) }]
  const fin = finessOf(m, org)
  if (fin) out.push(typedId('1', ID_SYSTEM.finess, fin))
  const last = rest[rest.length - 1] ?? ''
  if (kind === ORG_KIND.ej) out.push(typedId('2', ID_SYSTEM.siren, last))
  else out.push(typedId('3', ID_SYSTEM.siret, last))
  return out
}

function contacts(m: Model, eg: number, region: string): OrganizationContact[] {
  const rng = m.versioned('Organization', eg)
  const domain = domainOf(m, eg)
  const out = [organizationContact(rng, region, domain, '06', '1')]
  if (rng.chance(0.5))
    out.push(organizationContact(rng, region, domain, rng.pick(['10', '07']), '2'))
  if (categoryAt(m.ds.org.get('cat', eg)).isHospital && rng.chance(0.5)) {
    out.push(organizationContact(rng, region, domain, rng.pick(['08', '13']), '3'))
  }
  return out
}

/** Extensions specific to an EG: hospital drop zone / ORSAN, EHPAD social help. */
function establishmentExtensions(m: Model, eg: number): Extension[] {
  const flags = m.ds.org.get('flags', eg)
  const p = categoryAt(m.ds.org.get('cat', eg))
  const out: Extension[] = []
  if (p.category === '500' || p.category === '202') {
    const rng = m.base('Organization', eg, 4)
    if (rng.chance(0.6))
      out.push({ url: EXT.financialHelp, valueCodeableConcept: codeable('R241', '02') })
    out.push({ url: EXT.accomodationFamily, valueBoolean: rng.chance(0.15) })
  }
  if (flags & 2) out.push({ url: EXT.dropZone, valueBoolean: true })
  if (flags & 4)
    out.push({ url: EXT.orsanLevel, valueCodeableConcept: codeable('R284', flags & 8 ? '4' : '1') })
  return out
}

export function organizationResource(m: Model, org: number): Organization {
  const t = m.ds.org
  const kind = t.get('kind', org)
  const region = m.orgRegion(org)
  const extension: Extension[] = [creationDate(t.get('created', org))]
  const resource: Organization = {
    resourceType: 'Organization',
    id: idOf('Organization', org),
    meta: metaOf(t.get('updated', org), PROFILE.organization, region),
    extension,
    identifier: identifiers(m, org),
    name: organizationName(m, org),
  }
  if (kind === ORG_KIND.ej) {
    const status = legalStatusAt(t.get('sub', org))
    resource.type = [codeable('R72', status.code), codeable('R69', status.aggregate)]
    resource.address = [postalAddress(m, m.base('Organization', org, 5), t.get('commune', org))]
    return prune(resource)
  }
  resource.partOf = ref('Organization', t.get('parent', org))
  if (kind === ORG_KIND.oi) {
    resource.type = [codeable('OI', t.get('sub', org) === 0 ? 'POLE' : 'UF')]
    return prune(resource)
  }
  resource.type = [codeable('J55', categoryAt(t.get('cat', org)).category)]
  const commune = t.get('commune', org)
  const address = postalAddress(m, m.base('Organization', org, 5), commune)
  const point = egPoint(m, org)
  address.extension = [
    inseeCodeExtension(m, commune),
    ...(point ? [geolocationExtension(point)] : []),
  ]
  resource.address = [address]
  extension.push(...establishmentExtensions(m, org))
  resource.contact = contacts(m, org, region)
  if (m.versioned('Organization', org).chance(0.3)) {
    // MSS mailbox of the establishment: professionals only (level 2).
    const mss = `direction@${domainOf(m, org).replace(/\.example$/, '.mssante.example')}`
    resource.telecom = [contactPoint('3', '2', mss)]
  }
  return prune(resource)
}
