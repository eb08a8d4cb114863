/**
 * `GET /fhir/metadata`: a CapabilityStatement describing exactly what the sandbox serves, in
 * the shape of the ROR "ROR-Consommateur" statement (ROR-FHIR-NOTES §5.1–§5.3).
 */
import { ROR_RESOURCE_TYPES, type RorResourceType } from '../generate/store-types'
import { INCLUDES, REVINCLUDES } from './search-params'

const COMMON_PARAMS = [
  { name: '_id', type: 'token' },
  { name: '_lastUpdated', type: 'date' },
  { name: '_tag', type: 'token' },
  { name: 'identifier', type: 'token' },
]

function includesFor(type: RorResourceType): string[] {
  return INCLUDES.filter((key) => key.startsWith(`${type}:`))
}

function revIncludesFor(type: RorResourceType): string[] {
  const target: Record<string, RorResourceType> = {
    'PractitionerRole:service': 'HealthcareService',
    'HealthcareService:location': 'Location',
  }
  return REVINCLUDES.filter((key) => target[key] === type)
}

export function capabilityStatement(fhirBase: string, tokenUrl: string): object {
  return {
    resourceType: 'CapabilityStatement',
    name: 'RorSandboxConsommateur',
    title: 'ROR sandbox (local stand-in for the ROR-Consommateur API)',
    status: 'active',
    date: new Date().toISOString().slice(0, 10),
    kind: 'instance',
    implementation: { description: 'ROR hors ligne local sandbox', url: fhirBase },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'application/json'],
    rest: [
      {
        mode: 'server',
        security: {
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: tokenUrl }],
            },
          ],
          service: [{ coding: [{ code: 'OAuth' }] }],
          description:
            'OAuth2 client credentials (client ids profil-0 … profil-5) and the four mandatory ' +
            'headers Ror-Profil-Utilisateur-Code/-System and Ror-Role-Metier-Code/-System.',
        },
        resource: ROR_RESOURCE_TYPES.map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchInclude: includesFor(type),
          searchRevInclude: revIncludesFor(type),
          searchParam: COMMON_PARAMS,
        })),
        operation: [
          {
            name: 'export',
            definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export',
          },
        ],
      },
    ],
  }
}
