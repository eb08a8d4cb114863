/** Dispatch from a (validated, access-filtered) ROR resource to its domain record. */
import type { DomainRecord } from '../snapshot/records'
import type { RorResource } from './fhir-types'
import { mapHealthcareService } from './map-healthcare-service'
import { mapLocation } from './map-location'
import { mapOrganization } from './map-organization'
import { mapPractitioner, mapPractitionerRole } from './map-practitioner'

/** Maps one ROR resource to its domain record. */
export function mapResource(resource: RorResource): DomainRecord {
  switch (resource.resourceType) {
    case 'HealthcareService':
      return mapHealthcareService(resource)
    case 'Organization':
      return mapOrganization(resource)
    case 'Location':
      return mapLocation(resource)
    case 'PractitionerRole':
      return mapPractitionerRole(resource)
    case 'Practitioner':
      return mapPractitioner(resource)
  }
}
