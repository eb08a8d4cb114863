/**
 * Minimal FHIR R4 types for the elements the ROR model reads.
 *
 * Why not `@types/fhir`: the installed version (3.0.2) only declares the DSTU3 global `fhir`
 * namespace and has no `fhir/r4` entry point. These interfaces cover the R4 elements used by
 * the ROR profiles (ROR-FHIR-NOTES §2–§3) and keep an index signature so that elements we do
 * not model survive a round trip (the access policy copies whole resources).
 */

export interface Element {
  id?: string
  extension?: Extension[]
  [key: string]: unknown
}

export interface Coding extends Element {
  system?: string
  code?: string
  display?: string
}

export interface CodeableConcept extends Element {
  coding?: Coding[]
  text?: string
}

export interface Quantity extends Element {
  value?: number
  unit?: string
  system?: string
  code?: string
}

export interface Range extends Element {
  low?: Quantity
  high?: Quantity
}

export interface Period extends Element {
  start?: string
  end?: string
}

export interface Identifier extends Element {
  use?: string
  type?: CodeableConcept
  system?: string
  value?: string
}

export interface Reference extends Element {
  reference?: string
  identifier?: Identifier
  display?: string
}

export interface HumanName extends Element {
  text?: string
  family?: string
  given?: string[]
  prefix?: string[]
}

export interface ContactPoint extends Element {
  system?: string
  value?: string
  use?: string
}

export interface Address extends Element {
  line?: string[]
  city?: string
  postalCode?: string
  district?: string
  country?: string
}

export interface Extension extends Element {
  url: string
  valueString?: string
  valueCode?: string
  valueBoolean?: boolean
  valueInteger?: number
  valueDecimal?: number
  valueDateTime?: string
  valueDate?: string
  valueCanonical?: string
  valueCoding?: Coding
  valueCodeableConcept?: CodeableConcept
  valueQuantity?: Quantity
  valueRange?: Range
  valuePeriod?: Period
  valueHumanName?: HumanName
}

export interface Meta extends Element {
  lastUpdated?: string
  profile?: string[]
  tag?: Coding[]
}

export interface AvailableTime extends Element {
  daysOfWeek?: string[]
  allDay?: boolean
  availableStartTime?: string
  availableEndTime?: string
}

export interface NotAvailable extends Element {
  description?: string
  during?: Period
}

/** Any FHIR resource, as served: only `resourceType` is known for sure. */
export interface Resource {
  resourceType: string
  id?: string
  meta?: Meta
  extension?: Extension[]
  [key: string]: unknown
}

export interface HealthcareService extends Resource {
  resourceType: 'HealthcareService'
  identifier?: Identifier[]
  providedBy?: Reference
  category?: CodeableConcept[]
  type?: CodeableConcept[]
  specialty?: CodeableConcept[]
  location?: Reference[]
  name?: string
  telecom?: ContactPoint[]
  characteristic?: CodeableConcept[]
  availableTime?: AvailableTime[]
  notAvailable?: NotAvailable[]
}

export interface OrganizationContact extends Element {
  purpose?: CodeableConcept
  name?: HumanName
  telecom?: ContactPoint[]
}

export interface Organization extends Resource {
  resourceType: 'Organization'
  identifier?: Identifier[]
  type?: CodeableConcept[]
  name?: string
  alias?: string[]
  telecom?: ContactPoint[]
  address?: Address[]
  partOf?: Reference
  contact?: OrganizationContact[]
}

export interface Position extends Element {
  longitude?: number
  latitude?: number
  altitude?: number
}

export interface Location extends Resource {
  resourceType: 'Location'
  identifier?: Identifier[]
  status?: string
  operationalStatus?: Coding
  name?: string
  alias?: string[]
  description?: string
  type?: CodeableConcept[]
  telecom?: ContactPoint[]
  address?: Address
  position?: Position
  managingOrganization?: Reference
  partOf?: Reference
}

export interface PractitionerRole extends Resource {
  resourceType: 'PractitionerRole'
  identifier?: Identifier[]
  practitioner?: Reference
  organization?: Reference
  code?: CodeableConcept[]
  specialty?: CodeableConcept[]
  location?: Reference[]
  healthcareService?: Reference[]
  telecom?: ContactPoint[]
  availableTime?: AvailableTime[]
}

export interface Practitioner extends Resource {
  resourceType: 'Practitioner'
  identifier?: Identifier[]
  name?: HumanName[]
  telecom?: ContactPoint[]
}

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
