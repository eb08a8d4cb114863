/**
 * Confidentiality levels (JDV_J222 / TRE_R283, ROR-FHIR-NOTES §4.1 point 2): where each level
 * is carried and how a missing one is read. Shared by the mappers and the access policy so that
 * both read the same level for the same element.
 */
import type { ConfidentialityLevel } from '../snapshot/records'
import type { ContactPoint, Element, Extension, OrganizationContact } from './fhir-types'
import { extensionByUrl, extensionCode } from './fhir'
import { EXT } from './urls'

/**
 * A level as served, or `'3'` when it is missing or not one of 1/2/3: the level is 1..1 wherever
 * the IG uses it, so an unclassified contact is treated as the most restricted one and only
 * profile 1 (which sees everything) keeps it.
 */
export function parseLevel(code: string | undefined): ConfidentialityLevel {
  return code === '1' || code === '2' ? code : '3'
}

/** Level of a ContactPoint: `ror-telecom-confidentiality-level` (or its older contact-telecom twin). */
export function telecomLevel(cp: ContactPoint): ConfidentialityLevel {
  return parseLevel(
    extensionCode(
      extensionByUrl(cp, EXT.telecomConfidentiality, EXT.contactTelecomConfidentiality),
    ),
  )
}

/** Level of an `Organization.contact` block: `ror-contact-confidentiality-level`. */
export function orgContactLevel(contact: OrganizationContact): ConfidentialityLevel {
  return parseLevel(extensionCode(extensionByUrl(contact, EXT.contactConfidentiality)))
}

/** Level of a `ror-healthcareservice-contact` extension: its `ror-confidentiality-level`. */
export function hsContactLevel(contact: Extension): ConfidentialityLevel {
  return parseLevel(
    extensionCode(extensionByUrl(contact, EXT.confidentiality, EXT.contactConfidentiality)),
  )
}

/** Level of a `ror-healthcareservice-contact-telecom` extension (its telecom level sub-extension). */
export function hsContactTelecomLevel(telecom: Element): ConfidentialityLevel {
  return parseLevel(
    extensionCode(
      extensionByUrl(telecom, EXT.telecomConfidentiality, EXT.contactTelecomConfidentiality),
    ),
  )
}

/** Numeric rank, for "the stricter of two levels". */
export function stricter(a: ConfidentialityLevel, b: ConfidentialityLevel): ConfidentialityLevel {
  return a >= b ? a : b
}
