/**
 * Canonical URLs of the ROR profiles, extensions and NOS code systems the model reads
 * (ROR-FHIR-NOTES §2, §3, §4). Spelled exactly as served; where the IG history shows two
 * spellings, both are listed and matched.
 */

/** Base of every ROR StructureDefinition (notes §2). */
export const SD = 'https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/'

const sd = (id: string): string => SD + id

/** Profiles (meta.profile) — informative only: the mapper never requires them. */
export const PROFILE = {
  healthcareService: sd('ror-healthcareservice'),
  organization: sd('ror-organization'),
  location: sd('ror-location'),
  practitionerRole: sd('ror-practitionerrole'),
  practitioner: sd('ror-practitioner'),
} as const

/** Extensions (absolute URLs), grouped by the resource they sit on. */
export const EXT = {
  // Shared
  creationDate: sd('ror-meta-creation-date'),
  territorialDivision: sd('ror-territorial-division'),
  communeCog: sd('ror-commune-cog'),
  // Telecom and contacts (notes §4.1 point 2)
  telecomChannel: sd('ror-telecom-communication-channel'),
  telecomUsage: sd('ror-telecom-usage'),
  telecomConfidentiality: sd('ror-telecom-confidentiality-level'),
  contactTelecomConfidentiality: sd('ror-contact-telecom-confidentiality-level'),
  contactConfidentiality: sd('ror-contact-confidentiality-level'),
  confidentiality: sd('ror-confidentiality-level'),
  contactFunction: sd('ror-contact-function-contact'),
  contactDescription: sd('ror-contact-description'),
  // HealthcareService (notes §3.1)
  sensitiveUnit: sd('ror-healthcareservice-sensitive-unit'),
  patientType: sd('ror-healthcareservice-patient-type'),
  hsContact: sd('ror-healthcareservice-contact'),
  hsContactTelecom: sd('ror-healthcareservice-contact-telecom'),
  psychiatricSector: sd('ror-healthcareservice-psychiatric-sector'),
  noConsentHabilitation: sd('ror-healthcareservice-no-consent-habilitation'),
  actType: sd('ror-act-type'),
  availableTimeDays: sd('ror-available-time-number-days-of-week'),
  availableTimeType: sd('ror-available-time-type-of-time'),
  availableTimeEffective: sd('ror-available-time-effective-opening-closing-date'),
  // Organization (notes §3.2)
  orgAdditionalName: sd('ror-organization-additional-name'),
  confidenceGeolocation: sd('ror-confidence-geolocation'),
  dropZone: sd('ror-organization-drop-zone'),
  orsanLevel: sd('ror-organization-level-recourse-orsan'),
  /**
   * Spelling of the ORSAN extension id in the IG source (`Id: ror-organization-level-recours-orsan`);
   * the profile's slice is named `…-recourse-orsan`. A server may send either: both are read and
   * both are filtered by the access policy.
   */
  orsanLevelId: sd('ror-organization-level-recours-orsan'),
  // Location (notes §3.3)
  coordinateReliability: sd('ror-coordinate-reliability'),
  supportedCapacity: sd('ror-location-supported-capacity'),
  residentialCapacity: sd('ror-location-residential-capacity'),
  equipment: sd('ror-location-equipment'),
  /** Spelling of the extension id in the IG source (`RORLocationEquipment.fsh`). */
  equipmentFr: sd('ror-location-equipement'),
  equipmentLimit: sd('ror-location-equipment-limit'),
  // PractitionerRole (notes §3.4)
  exerciseMode: sd('ror-practitionerrole-unit-exercise-mode'),
  practitionerRoleName: sd('RORPractitionerRoleName'),
  // HL7 core and FR Core
  geolocation: 'http://hl7.org/fhir/StructureDefinition/geolocation',
  organizationPeriod: 'http://hl7.org/fhir/StructureDefinition/organization-period',
  frInseeCode: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code',
} as const

/** Relative sub-extension URLs (`extension.url` inside a complex extension). */
export const SUB = {
  ageRange: 'ageRange',
  supportedPatientInfo: 'supportedPatientInfo',
  contactName: 'name',
  contactPurpose: 'purposeContact',
  contactDescription: 'description',
  /** Slice name used as URL by some producers instead of the absolute URL. */
  contactFunction: 'ror-function-contact',
  telecomAddress: 'telecomAddress',
  latitude: 'latitude',
  longitude: 'longitude',
  territoryType: 'typeTerritorialDivision',
  territoryCode: 'codeTerritorialDivision',
  capacityType: 'capacityType',
  capacityStatus: 'capacityStatus',
  capacityTemporality: 'temporalityCapacity',
  capacityCount: 'nbCapacity',
  capacityGender: 'genderCapacityAvailable',
  capacityUpdateDate: 'capacityUpdateDate',
  capacityClosingType: 'capacityClosingType',
  additionalBedType: 'additionalBedType',
  crisisType: 'crisisType',
  temporaryAssignment: 'temporaryAssignement',
  residentialType: 'residentialType',
  residentialNumber: 'residentialNumber',
  equipmentType: 'equipmentType',
  equipmentInService: 'nbInService',
  equipmentFeature: 'equipmentFeature',
  equipmentLimitValue: 'limitValue',
  exerciseTitle: 'exerciseTitle',
  exerciseFirstName: 'exerciseFirstName',
  exerciseLastName: 'exerciseLastName',
} as const

/** NOS code systems: `https://mos.esante.gouv.fr/NOS/<TRE>/FHIR/<TRE with dashes>`. */
export const nos = (tre: string): string =>
  `https://mos.esante.gouv.fr/NOS/${tre}/FHIR/${tre.replace(/_/g, '-')}`

export const CS = {
  region: nos('TRE_R30-RegionOM'),
  activity: nos('TRE_R211-ActiviteOperationnelle'),
  field: nos('TRE_R227-ChampActivite'),
  offerType: nos('TRE_R244-CategorieOrganisation'),
  careMode: nos('TRE_R213-ModePriseEnCharge'),
  specificAct: nos('TRE_R210-ActeSpecifique'),
  confidentiality: nos('TRE_R283-NiveauConfidentialite'),
  channel: nos('TRE_R200-CanalCommunication'),
  contactPurpose: nos('TRE_R287-NatureContact'),
  structureIdType: nos('TRE_G07-TypeIdentifiantStructure'),
  offerIdType: nos('TRE_R355-TypeIdentifiantOffre'),
  resourceIdType: nos('TRE_R354-TypeIdentifiantRessourceOperationnelle'),
  otherIdType: nos('TRE_R345-TypeIdentifiantAutre'),
  establishmentCategory: nos('TRE_R66-CategorieEtablissement'),
  legalStatus: nos('TRE_R72-FinessStatutJuridique'),
  commune: nos('TRE_R13-CommuneOM'),
  profession: nos('TRE_G15-ProfessionSante'),
  ucumMos: nos('TRE_R247-UcumUniteMesure'),
  ucum: 'http://unitsofmeasure.org',
} as const

/**
 * Identifier type codes (JDV_J236, notes §3.2–§3.3). Identifiers are matched on their type
 * code, never on `system`, because systems vary between http and https (notes §3.7).
 */
export const ID_TYPE = {
  finess: '1',
  siren: '2',
  siret: '3',
  rppsRang: '4',
  adeliRang: '0',
  idNatStruct: '40',
  oi: '42',
  offer: '35',
  location: '25',
} as const

/** idNatStruct system (TRE_G07 #40), also used to recognise it when `type` is missing. */
export const ID_NAT_STRUCT_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.2'
/** idNatPs system (Practitioner, notes §3.4). */
export const ID_NAT_PS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1'

/** Champ d'activité codes (TRE_R227, JDV_J20) that drive the access rules (notes §4.2). */
export const FIELD = { mco: '01', smr: '02', psy: '03', ms: '04', ville: '05' } as const
