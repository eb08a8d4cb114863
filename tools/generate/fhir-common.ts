/**
 * Building blocks shared by the resource materialisers: meta (lastUpdated, profile, region
 * tag), creation date, telecoms with their ROR channel and confidentiality extensions, and
 * contacts (ROR-FHIR-NOTES §3.1, §3.2, §4.1). Phone numbers come from the ranges ARCEP keeps
 * for fiction, e-mail domains end in `.example`: nothing reaches a real person.
 */
import type {
  CodeableConcept,
  ContactPoint,
  Extension,
  HumanName,
  Meta,
  OrganizationContact,
} from '../../core/ror/fhir-types'
import { isoSeconds } from './clock'
import type { Rng } from './prng'
import { CS, EXT } from './systems'
import { codeable, coding } from './vocab'

export type Level = '1' | '2' | '3'

/** Removes undefined values and empty arrays (FHIR forbids empty elements). */
export function prune<T extends object>(value: T): T {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) {
      delete (value as Record<string, unknown>)[key]
    }
  }
  return value
}

export function metaOf(updatedMs: number, profile: string, region: string): Meta {
  return {
    lastUpdated: new Date(updatedMs).toISOString(),
    profile: [profile],
    tag: [{ system: CS.region, code: region }],
  }
}

export function creationDate(createdSeconds: number): Extension {
  return { url: EXT.creationDate, valueDateTime: isoSeconds(createdSeconds * 1000) }
}

export function confidentiality(level: Level): CodeableConcept {
  return codeable('J222', level)
}

/** Confidentiality of a contact block: mostly public, some professional, few crisis-only. */
export function drawContactLevel(rng: Rng): Level {
  const r = rng.next()
  return r < 0.8 ? '1' : r < 0.95 ? '2' : '3'
}

/** A telecom is at least as restricted as the contact it belongs to. */
export function drawTelecomLevel(rng: Rng, floor: Level): Level {
  const r = rng.next()
  const own: Level = r < 0.85 ? '1' : r < 0.97 ? '2' : '3'
  return own > floor ? own : floor
}

/** Fiction ranges reserved by ARCEP (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49, 06 39 98). */
const FICTION: Record<string, string> = {
  '1': '019900',
  '2': '026191',
  '3': '035301',
  '4': '046571',
  '5': '053649',
  '6': '063998',
}

/** Telephone zone (01 Île-de-France … 05 south-west) of a region. */
function zoneOf(region: string): string {
  if (region === '11') return '1'
  if (['24', '28', '52', '53'].includes(region)) return '2'
  if (['27', '32', '44'].includes(region)) return '3'
  if (['84', '93', '94'].includes(region)) return '4'
  return '5'
}

export function phoneNumber(rng: Rng, region: string, mobile = false): string {
  const prefix = FICTION[mobile ? '6' : zoneOf(region)] ?? '019900'
  const digits = prefix + String(rng.int(0, 9999)).padStart(4, '0')
  return rng.chance(0.7) ? digits : (digits.match(/../g) ?? []).join(rng.chance(0.5) ? ' ' : '.')
}

/** ROR channel (TRE_R200) → FHIR ContactPoint.system. */
const SYSTEM_OF_CHANNEL: Readonly<Record<string, NonNullable<ContactPoint['system']>>> = {
  '1': 'phone',
  '2': 'phone',
  '3': 'email',
  '4': 'url',
  '6': 'fax',
  '8': 'phone',
  '9': 'email',
}

/** A ContactPoint with `ror-telecom-communication-channel` and `ror-telecom-confidentiality-level`. */
export function contactPoint(channel: string, level: Level, value: string): ContactPoint {
  return {
    extension: [
      { url: EXT.telecomChannel, valueCodeableConcept: codeable('J225', channel) },
      { url: EXT.telecomConfidentiality, valueCodeableConcept: confidentiality(level) },
    ],
    system: SYSTEM_OF_CHANNEL[channel] ?? 'other',
    value,
  }
}

export interface TelecomDraw {
  channel: string
  value: string
}

/** A telephone, fax or e-mail address for a contact of `domain`. */
export function drawTelecom(rng: Rng, region: string, domain: string): TelecomDraw {
  const r = rng.next()
  if (r < 0.7) return { channel: '2', value: phoneNumber(rng, region) }
  if (r < 0.8) return { channel: '6', value: phoneNumber(rng, region) }
  if (r < 0.95)
    return {
      channel: '3',
      value: `${rng.pick(['accueil', 'secretariat', 'contact', 'cadre'])}@${domain}`,
    }
  return { channel: '1', value: phoneNumber(rng, region, true) }
}

/** `ror-healthcareservice-contact` (notes §3.1): purpose, level, telecoms with their own level. */
export function offerContact(
  rng: Rng,
  region: string,
  domain: string,
  name: HumanName | undefined,
  isLiberal = false,
): Extension {
  // Crisis lines (level 3) belong to establishments, not to liberal practices.
  const drawn = drawContactLevel(rng)
  const level: Level = isLiberal && drawn === '3' ? '2' : drawn
  const purpose =
    level === '3'
      ? rng.pick(['13', '08'])
      : level === '2'
        ? rng.pick(isLiberal ? ['04', '07'] : ['04', '05', '10'])
        : rng.pick(isLiberal ? ['02', '07', '06'] : ['06', '01', '02', '07', '03'])
  const parts: Extension[] = [
    { url: 'purposeContact', valueCodeableConcept: codeable('J221', purpose) },
  ]
  if (name) parts.push({ url: 'name', valueHumanName: name })
  parts.push({ url: EXT.confidentiality, valueCodeableConcept: confidentiality(level) })
  if (rng.chance(0.1)) parts.push({ url: 'description', valueString: 'Joignable en semaine' })
  for (let t = rng.chance(0.3) ? 2 : 1; t > 0; t -= 1) {
    const telecom = drawTelecom(rng, region, domain)
    parts.push({
      url: EXT.hsContactTelecom,
      extension: [
        { url: EXT.telecomChannel, valueCodeableConcept: codeable('J225', telecom.channel) },
        {
          url: EXT.telecomConfidentiality,
          valueCodeableConcept: confidentiality(drawTelecomLevel(rng, level)),
        },
        { url: 'telecomAddress', valueString: telecom.value },
      ],
    })
  }
  return { url: EXT.hsContact, extension: parts }
}

/** `Organization.contact` with `ror-contact-confidentiality-level` (notes §3.2). */
export function organizationContact(
  rng: Rng,
  region: string,
  domain: string,
  purpose: string,
  level: Level,
): OrganizationContact {
  const telecoms: ContactPoint[] = []
  for (let t = rng.chance(0.4) ? 2 : 1; t > 0; t -= 1) {
    const telecom = drawTelecom(rng, region, domain)
    telecoms.push(contactPoint(telecom.channel, drawTelecomLevel(rng, level), telecom.value))
  }
  const extension: Extension[] = [
    { url: EXT.contactConfidentiality, valueCodeableConcept: confidentiality(level) },
  ]
  if (rng.chance(0.15))
    extension.push({ url: EXT.contactDescription, valueString: 'Du lundi au vendredi' })
  return { extension, purpose: { coding: [coding('J221', purpose)] }, telecom: telecoms }
}
