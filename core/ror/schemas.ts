/**
 * Structural validation of ROR resources at the trust boundary (CONVENTIONS §5: parse, don't
 * cast). Pragmatic on purpose: it checks the shape and types of the elements the mappers read
 * and the elements the ROR profiles make mandatory for our use (id, meta.lastUpdated, a name
 * for offers and structures); other elements pass through untouched so the access policy and
 * the sandbox can return resources whole. Specs use the small validator of validate.ts (see
 * there why not zod on this path).
 */
import type { RorResource } from './fhir-types'
import {
  array,
  boolean,
  formatPath,
  integer,
  lazy,
  literal,
  number,
  object,
  string,
  type Spec,
} from './validate'

/** FHIR R4: "strings SHALL NOT exceed 1 MB" — a longer string makes the resource invalid. */
export const MAX_STRING_LENGTH = 1024 * 1024

const str = string(MAX_STRING_LENGTH, undefined, 'string longer than 1 MB (FHIR limit)')
/** FHIR `id` datatype: [A-Za-z0-9\-\.]{1,64}. */
const fhirId = string(64, {
  re: /^[A-Za-z0-9\-.]{1,64}$/,
  message: 'not a FHIR id ([A-Za-z0-9-.]{1,64})',
})
/** FHIR `instant` (meta.lastUpdated): full date-time with seconds and a time zone. */
const instant = string(64, {
  re: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
  message: 'not a FHIR instant',
})

const extension: Spec = lazy(() => extensionSpec)
const extensions = array(extension)
const coding = object({ system: str, code: str, display: str })
const codeableConcept = object({ coding: array(coding), text: str, extension: extensions })
const concepts = array(codeableConcept)
const quantity = object({ value: number, unit: str, system: str, code: str })
const period = object({ start: str, end: str })
const reference = object({ reference: str, display: str })
const identifier = object({ type: codeableConcept, system: str, value: str })
const humanName = object({ text: str, family: str, given: array(str), prefix: array(str) })

const extensionSpec: Spec = object(
  {
    url: str,
    valueString: str,
    valueCode: str,
    valueBoolean: boolean,
    valueInteger: integer,
    valueDecimal: number,
    valueDateTime: str,
    valueCoding: coding,
    valueCodeableConcept: codeableConcept,
    valueQuantity: quantity,
    valueRange: object({ low: quantity, high: quantity }),
    valuePeriod: period,
    valueHumanName: humanName,
    extension: extensions,
  },
  ['url'],
)

const contactPoint = object({ system: str, value: str, use: str, extension: extensions })
const address = object({ line: array(str), city: str, postalCode: str, extension: extensions })
const availableTime = object({
  daysOfWeek: array(str),
  allDay: boolean,
  availableStartTime: str,
  availableEndTime: str,
  extension: extensions,
})

const base = {
  resourceType: str,
  id: fhirId,
  meta: object({ lastUpdated: instant, tag: array(coding), profile: array(str) }, ['lastUpdated']),
  extension: extensions,
  identifier: array(identifier),
  telecom: array(contactPoint),
}
const resource = (type: string, fields: Record<string, Spec>, required: string[] = []) =>
  object({ ...base, ...fields, resourceType: literal(type) }, ['id', 'meta', ...required])

const SPECS = {
  HealthcareService: resource(
    'HealthcareService',
    {
      name: str,
      providedBy: reference,
      category: concepts,
      type: concepts,
      specialty: concepts,
      characteristic: concepts,
      location: array(reference),
      availableTime: array(availableTime),
      notAvailable: array(object({ description: str, during: period })),
    },
    ['name'],
  ),
  Organization: resource(
    'Organization',
    {
      name: str,
      alias: array(str),
      type: concepts,
      address: array(address),
      partOf: reference,
      contact: array(
        object({
          name: humanName,
          purpose: codeableConcept,
          telecom: array(contactPoint),
          extension: extensions,
        }),
      ),
    },
    ['name'],
  ),
  Location: resource('Location', {
    name: str,
    description: str,
    status: str,
    operationalStatus: coding,
    type: concepts,
    address,
    position: object({ latitude: number, longitude: number, extension: extensions }, [
      'latitude',
      'longitude',
    ]),
    managingOrganization: reference,
    partOf: reference,
  }),
  PractitionerRole: resource('PractitionerRole', {
    practitioner: reference,
    organization: reference,
    code: concepts,
    specialty: concepts,
    location: array(reference),
    healthcareService: array(reference),
    availableTime: array(availableTime),
  }),
  Practitioner: resource('Practitioner', { name: array(humanName) }),
} as const

/** Why a resource was not kept: which resource, which element, what was wrong. */
export interface InvalidReason {
  resourceType: string
  id?: string
  /** FHIRPath-like element path, e.g. `HealthcareService.extension[2].valueRange.low.value`. */
  element: string
  message: string
}

export type ValidationResult =
  { ok: true; resource: RorResource } | { ok: false; reason: InvalidReason }

/** Whether `resourceType` is one of the five types a snapshot is built from. */
export function isRorResourceType(t: unknown): t is keyof typeof SPECS {
  return typeof t === 'string' && Object.hasOwn(SPECS, t)
}

/**
 * Validates one ROR resource (HealthcareService, Organization, Location, PractitionerRole,
 * Practitioner) in place: on success the same object is returned, typed.
 */
export function validateRorResource(value: unknown): ValidationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid('?', undefined, '(resource)', 'not a JSON object')
  }
  const raw = value as { resourceType?: unknown; id?: unknown }
  const type = raw.resourceType
  const id = typeof raw.id === 'string' ? raw.id.slice(0, 64) : undefined
  if (typeof type !== 'string' || type === '') {
    return invalid('?', id, 'resourceType', 'missing resourceType')
  }
  if (!isRorResourceType(type)) {
    return invalid(type, id, 'resourceType', 'not a ROR resource type')
  }
  const issue = SPECS[type](value)
  if (!issue) return { ok: true, resource: value as RorResource }
  return invalid(type, id, type + formatPath(issue.path), issue.message)
}

function invalid(
  resourceType: string,
  id: string | undefined,
  element: string,
  message: string,
): ValidationResult {
  const reason: InvalidReason = { resourceType, element, message }
  if (id !== undefined) reason.id = id
  return { ok: false, reason }
}
