/**
 * FHIR R4 types for the elements the ROR model reads: the R4 definitions of `@types/fhir`
 * (`fhir/r4`), re-exported under the names the model uses.
 *
 * What the types promise versus what is checked: a resource is typed `RorResource` once
 * `validateRorResource` (schemas.ts) has checked the shape of the elements the mappers read.
 * Coded elements with a `required` R4 binding (`ContactPoint.system` and `.use`,
 * `availableTime.daysOfWeek`, `Location.status`…) are typed by R4 as closed unions of codes,
 * but the validator only checks that they are strings and nothing stops a producer from
 * serving another code. Code reading them must treat them as plain strings (lookup table with
 * a fallback, no exhaustive `switch`), never rely on the closed union.
 */
import type * as R4 from 'fhir/r4'

export type Element = R4.Element
export type Coding = R4.Coding
export type CodeableConcept = R4.CodeableConcept
export type Quantity = R4.Quantity
export type Range = R4.Range
export type Period = R4.Period
export type Identifier = R4.Identifier
export type Reference = R4.Reference
export type HumanName = R4.HumanName
export type ContactPoint = R4.ContactPoint
export type Address = R4.Address
export type Extension = R4.Extension
export type Meta = R4.Meta
export type AvailableTime = R4.HealthcareServiceAvailableTime
export type NotAvailable = R4.HealthcareServiceNotAvailable
export type Resource = R4.Resource
export type HealthcareService = R4.HealthcareService
export type OrganizationContact = R4.OrganizationContact
export type Organization = R4.Organization
export type Position = R4.LocationPosition
export type Location = R4.Location
export type PractitionerRole = R4.PractitionerRole
export type Practitioner = R4.Practitioner

/** The five resource types a snapshot is built from. */
export type RorResource =
  HealthcareService | Organization | Location | PractitionerRole | Practitioner
export type RorResourceType = RorResource['resourceType']
export const ROR_RESOURCE_TYPES: readonly RorResourceType[] = [
  'HealthcareService',
  'Organization',
  'Location',
  'PractitionerRole',
  'Practitioner',
]

const ROR_TYPES: ReadonlySet<string> = new Set(ROR_RESOURCE_TYPES)

/**
 * Whether `resource` is one of the five ROR types, judged on `resourceType` alone (the shape is
 * the business of schemas.ts): lets a `switch` on `resourceType` narrow to the R4 type.
 */
export function isRorResource(resource: Resource): resource is RorResource {
  return ROR_TYPES.has(resource.resourceType)
}
