/**
 * Domain records: what a snapshot holds once ROR FHIR resources have been validated,
 * filtered by the access profile and mapped. These types are the contract between the
 * model (core/ror), the snapshot codec (core/snapshot), the search engine (core/search),
 * the sync engine (core/sync) and the UI.
 *
 * Rules that hold for every record:
 * - codes are strings exactly as served (`"022"` is not `22`), never labels;
 * - an element the snapshot's access profile may not see is absent (not blanked);
 * - optional elements are omitted rather than set to `undefined` or `null`, so the
 *   records stay compact once packed.
 */

/** Access profiles of the ROR consumer API (ROR-FHIR-NOTES §4.1). */
export type AccessProfile = 0 | 1 | 2 | 3 | 4 | 5
export const ACCESS_PROFILES: readonly AccessProfile[] = [0, 1, 2, 3, 4, 5]

/** Confidentiality level, JDV_J222 (1 public, 2 professionals, 3 regulation / crisis). */
export type ConfidentialityLevel = '1' | '2' | '3'

/** A coded value as served: the code and, when present, its system. */
export interface Code {
  code: string
  system?: string
}

/** WGS84 position. */
export interface Position {
  lat: number
  lon: number
  /** `ror-coordinate-reliability` / `ror-confidence-geolocation` when served. */
  isReliable?: boolean
}

export interface Address {
  lines?: string[]
  postalCode?: string
  city?: string
  /** INSEE COG of the commune (FR Core inseeCode extension or `ror-commune-cog`). */
  communeCode?: string
}

/** A ContactPoint with the three ROR telecom extensions. */
export interface Telecom {
  /** `ror-telecom-communication-channel` code (TRE_R200: 1 fax? 2 fixe, 3 mobile, 4 email, ...). */
  channel?: string
  /** FHIR ContactPoint.system when served (phone, email, fax, url…). */
  system?: string
  value: string
  /** `ror-telecom-usage` code. */
  usage?: string
  confidentiality: ConfidentialityLevel
}

export interface Contact {
  name?: string
  /** `ror-contact-function-contact` / `ror-function-contact` code. */
  function?: string
  /** Nature du contact (JDV_J221 / TRE_R287). */
  purpose?: string
  description?: string
  confidentiality: ConfidentialityLevel
  telecoms: Telecom[]
}

/** Age bound as served, plus the bound normalised to minutes (see core/ror/age.ts). */
export interface AgeBound {
  value: number
  /** UCUM code as served (`a`, `mo`, `wk`, `d`, `h`, `min`…); absent when the bound had no unit (= years). */
  unit?: string
}

export interface AgeRange {
  low: AgeBound
  high: AgeBound
  /**
   * Normalised form in minutes: a patient whose age is A minutes matches when
   * `minMinutes <= A < maxMinutesExclusive`. This is exactly the rule "the age, expressed
   * in each bound's unit and rounded down, lies within the inclusive bounds".
   */
  minMinutes: number
  maxMinutesExclusive: number
}

/** One `availableTime` entry of an offer. */
export interface OpeningHours {
  /** ISO day numbers 1 (Monday) … 7 (Sunday), from the ROR extension or `daysOfWeek`. */
  days: number[]
  allDay?: boolean
  start?: string
  end?: string
  /** `ror-available-time-type-of-time` code (TRE_R252). */
  kind?: string
  effectiveFrom?: string
  effectiveTo?: string
}

/** `characteristic` slice names of ror-healthcareservice (ROR-FHIR-NOTES §3.1). */
export type CharacteristicSlice =
  | 'careMode'
  | 'receptionType'
  | 'receptionModality'
  | 'managementType'
  | 'takingCareSpeciality'
  | 'annualOpening'
  | 'ressourceProfession'
  | 'specificCompetence'
  | 'expertiseLevel'
  | 'temporalityStopService'
  | 'specificAct'
  | 'outsideOfficeAct'
  | 'other'

export interface Characteristic extends Code {
  slice: CharacteristicSlice
}

export interface TerritorialDivision {
  /** JDV_J223 type (1 région, 2 département, 3 commune, …). */
  type?: string
  code: string
}

/** Offre opérationnelle (HealthcareService). */
export interface OfferRecord {
  type: 'offer'
  id: string
  /** Functional identifier known to the ROR instance (TRE_R355 #35), e.g. `06/0099999`. */
  identifier?: string
  name: string
  lastUpdated: string
  /** Source region, `meta.tag` TRE_R30. */
  region?: string
  /** Organization id (EJ, EG or OI) from `providedBy`. */
  providedBy?: string
  locationIds: string[]
  /** Operational activities, TRE_R211 codes. */
  activities: string[]
  /** Operational activity families, JDV_J51 codes. */
  activityFamilies: string[]
  /** Champ d'activité, TRE_R227 (01 MCO, 02 SMR, 03 PSY, 04 MS, 05 Ville). */
  field?: string
  /** Type d'offre, TRE_R244. */
  offerType?: string
  /** Mode de prise en charge, TRE_R213. */
  careModes: string[]
  characteristics: Characteristic[]
  /** Public pris en charge, TRE_R239. */
  publics: string[]
  age?: AgeRange
  openingHours: OpeningHours[]
  /** `notAvailable[closingReopeningDate]`: closed from `start`, planned reopening `end`. */
  closure?: { start?: string; end?: string; description?: string }
  interventionZones: TerritorialDivision[]
  psychiatricSectors: string[]
  /** `ror-healthcareservice-sensitive-unit`; kept only in profile-1 snapshots. */
  isSensitive?: boolean
  contacts: Contact[]
  telecoms: Telecom[]
  createdAt?: string
}

export type OrganizationKind = 'EJ' | 'EG' | 'OI'

/** Entité juridique, entité géographique or organisation interne (Organization). */
export interface OrganizationRecord {
  type: 'organization'
  id: string
  kind: OrganizationKind
  name: string
  alias?: string
  lastUpdated: string
  region?: string
  /** Organization id from `partOf`. */
  partOf?: string
  finess?: string
  siret?: string
  siren?: string
  idNatStruct?: string
  /** Catégorie d'établissement (EG), JDV_J55 / TRE_R66. */
  category?: string
  /** Statut juridique INSEE (EJ). */
  legalStatus?: string
  /** Type d'OI (JDV_J203). */
  oiType?: string
  address?: Address
  geolocation?: Position
  contacts: Contact[]
  telecoms: Telecom[]
  /** Very restricted (profile 1 only). */
  hasDropZone?: boolean
  /** Very restricted (profile 1 only). */
  orsanLevel?: string
  openedAt?: string
  closedAt?: string
}

export interface Capacity {
  /** JDV_J187 nature: 01 lit, 02 place. */
  kind?: string
  /** JDV_J188 status: 01 installé, 02 disponible, … */
  status?: string
  /** JDV_J189 temporality. */
  temporality?: string
  /** JDV_J190 gender. */
  gender?: string
  count: number
  updatedAt?: string
  closingType?: string
  additionalBedType?: string
  crisisType?: string
  temporaryAssignment?: string
}

export interface Equipment {
  /** JDV_J18 / TRE_R212 code. */
  kind: string
  inService?: number
  limits: { feature?: string; value?: number; unit?: string }[]
}

/** Lieu de réalisation de l'offre (Location). */
export interface LocationRecord {
  type: 'location'
  id: string
  /** Functional id (TRE_R354 #25). */
  identifier?: string
  name?: string
  description?: string
  /** Fonction du lieu, JDV_J198 / TRE_R343. */
  function?: string
  status?: string
  operationalStatus?: string
  address?: Address
  position?: Position
  telecoms: Telecom[]
  /** Capacities: absent for profiles that may not see them (0, 5). */
  capacities?: Capacity[]
  residentialCapacities?: { kind?: string; count: number }[]
  equipment?: Equipment[]
  managingOrganization?: string
  partOf?: string
  lastUpdated: string
  region?: string
}

/** Situation opérationnelle (PractitionerRole). */
export interface PractitionerRoleRecord {
  type: 'practitionerRole'
  id: string
  practitionerId?: string
  offerId?: string
  organizationId?: string
  locationIds: string[]
  /** Profession, TRE_G15. */
  profession?: string
  /** Savoir-faire and other specialty slices, as served codes. */
  specialties: Code[]
  exerciseMode?: string
  exerciseName?: { prefix?: string; given?: string; family?: string }
  telecoms: Telecom[]
  openingHours: OpeningHours[]
  lastUpdated: string
  region?: string
}

/** Professionnel (Practitioner). */
export interface PractitionerRecord {
  type: 'practitioner'
  id: string
  idNatPs?: string
  name?: { prefix?: string; given?: string; family?: string }
  telecoms: Telecom[]
  lastUpdated: string
}

export type DomainRecord =
  OfferRecord | OrganizationRecord | LocationRecord | PractitionerRoleRecord | PractitionerRecord

export type RecordType = DomainRecord['type']
export const RECORD_TYPES: readonly RecordType[] = [
  'offer',
  'organization',
  'location',
  'practitionerRole',
  'practitioner',
]

/** How precisely an offer is placed (issue: coordinates of an offer). */
export type GeoPrecision = 'location' | 'structure' | 'commune' | 'none'

/**
 * An offer joined with what search and display need: its organization chain and its
 * coordinates, resolved once per snapshot (core/snapshot/resolve.ts).
 */
export interface ResolvedPlacement {
  offerId: string
  /** One point per place of the offer; one point for structure/commune precision; none otherwise. */
  points: { lat: number; lon: number }[]
  precision: GeoPrecision
  /** Commune (INSEE) used for display and département filters, when known. */
  communeCode?: string
}
