/**
 * URLs the generated resources carry, spelled exactly as in the ROR IG profiles and examples
 * (ROR-FHIR-NOTES §2–§4, tests/fixtures/ror-examples/).
 */

/** Base of every ROR StructureDefinition. */
export const SD = 'https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/'

/** NOS code system URL: `https://mos.esante.gouv.fr/NOS/<TRE>/FHIR/<TRE with dashes>`. */
export function nos(tre: string): string {
  return `https://mos.esante.gouv.fr/NOS/${tre}/FHIR/${tre.replace(/_/g, '-')}`
}

export const PROFILE = {
  healthcareService: `${SD}ror-healthcareservice`,
  organization: `${SD}ror-organization`,
  location: `${SD}ror-location`,
  practitionerRole: `${SD}ror-practitionerrole`,
  practitioner: `${SD}ror-practitioner`,
} as const

export const EXT = {
  creationDate: `${SD}ror-meta-creation-date`,
  sensitiveUnit: `${SD}ror-healthcareservice-sensitive-unit`,
  patientType: `${SD}ror-healthcareservice-patient-type`,
  hsContact: `${SD}ror-healthcareservice-contact`,
  hsContactTelecom: `${SD}ror-healthcareservice-contact-telecom`,
  confidentiality: `${SD}ror-confidentiality-level`,
  telecomChannel: `${SD}ror-telecom-communication-channel`,
  telecomConfidentiality: `${SD}ror-telecom-confidentiality-level`,
  contactConfidentiality: `${SD}ror-contact-confidentiality-level`,
  contactDescription: `${SD}ror-contact-description`,
  psychiatricSector: `${SD}ror-healthcareservice-psychiatric-sector`,
  noConsentHabilitation: `${SD}ror-healthcareservice-no-consent-habilitation`,
  territorialDivision: `${SD}ror-territorial-division`,
  actType: `${SD}ror-act-type`,
  availableTimeDays: `${SD}ror-available-time-number-days-of-week`,
  availableTimeType: `${SD}ror-available-time-type-of-time`,
  availableTimeEffective: `${SD}ror-available-time-effective-opening-closing-date`,
  communeCog: `${SD}ror-commune-cog`,
  coordinateReliability: `${SD}ror-coordinate-reliability`,
  supportedCapacity: `${SD}ror-location-supported-capacity`,
  confidenceGeolocation: `${SD}ror-confidence-geolocation`,
  financialHelp: `${SD}ror-organization-financial-help-type`,
  accomodationFamily: `${SD}ror-organization-accomodation-family`,
  dropZone: `${SD}ror-organization-drop-zone`,
  /**
   * Canonical URL of ROROrganizationLevelRecourseORSAN: its id is `…-recours-orsan` while the
   * slice in ror-organization is named `…-recourse-orsan`; a served extension carries the id.
   */
  orsanLevel: `${SD}ror-organization-level-recours-orsan`,
  exerciseMode: `${SD}ror-practitionerrole-unit-exercise-mode`,
  practitionerRoleName: `${SD}RORPractitionerRoleName`,
  geolocation: 'http://hl7.org/fhir/StructureDefinition/geolocation',
  inseeCode: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code',
  houseNumber: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-houseNumber',
  streetNameType: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetNameType',
  streetNameBase: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetNameBase',
} as const

export const CS = {
  region: nos('TRE_R30-RegionOM'),
  commune: nos('TRE_R13-CommuneOM'),
  /** Unit system of age bounds in the 2025 IG example; JDV_J37 itself uses UCUM's URL. */
  ucumMos: nos('TRE_R247-UcumUniteMesure'),
  ucum: 'http://unitsofmeasure.org',
} as const

export const ID_SYSTEM = {
  idNatStruct: 'urn:oid:1.2.250.1.71.4.2.2',
  idNatPs: 'urn:oid:1.2.250.1.71.4.2.1',
  finess: 'https://finess.esante.gouv.fr',
  /** The EG example writes SIRET under http, the EJ example SIREN under https (notes §3.7). */
  siret: 'http://sirene.fr',
  siren: 'https://sirene.fr',
  oi: 'https://oi.esante.gouv.fr',
} as const
