/**
 * Shapes of the generator's catalogue: offer templates (what a realistic offer of a given kind
 * looks like in the ROR: champ, type d'offre, activities, modes, ages, publics, restricted
 * characteristics, place function, capacity) and category profiles (which offers a FINESS
 * category of establishment runs).
 */

/** Champ d'activité, TRE_R227 (JDV_J20). */
export type Champ = '01' | '02' | '03' | '04' | '05'

/** UCUM age units really seen in ROR data (JDV_J37). */
export type AgeUnit = 'a' | 'mo' | 'wk' | 'd'

export interface AgeSpec {
  low: number
  lowUnit: AgeUnit
  high: number
  highUnit: AgeUnit
}

/** How an offer's opening hours (HealthcareService.availableTime) look. */
export type HoursKind = 'h24' | 'office' | 'day' | 'consult' | 'none'

export interface CapacitySpec {
  /** JDV_J187: 01 Lit, 02 Place. */
  type: '01' | '02'
  min: number
  max: number
}

export interface OfferTemplate {
  key: string
  /** Short label used to name the offer. */
  label: string
  champ: Champ
  /** Type d'offre, JDV_J238 (TRE_R244). */
  offerType?: string
  /** Activité opérationnelle candidates, JDV_J17 (TRE_R211); one is chosen per offer. */
  activities: string[]
  /** Mode de prise en charge candidates, JDV_J19 (TRE_R213). */
  modes: string[]
  /** Age range variants (first = most frequent). */
  ages: AgeSpec[]
  /** Public pris en charge, JDV_J29. */
  publics?: string[]
  /** Temporalité d'accueil, JDV_J30. */
  reception?: '01' | '02'
  /** Modalités d'accueil candidates, JDV_J226. */
  modalities?: string[]
  /** Ouverture annuelle, TRE_R238. */
  annualOpening?: string
  /** Restricted slices (profiles 1/2, and 3 for MS): J35, J33, TRE_R210, J186. */
  specialities?: string[]
  competences?: string[]
  acts?: string[]
  professions?: string[]
  /** Niveau d'expertise (TRE_R253 maternity type). */
  expertise?: string[]
  hours: HoursKind
  /** Fonction du lieu, JDV_J198. */
  locationFunction: string
  capacity?: CapacitySpec
  /** Psychiatric sector letter: G adult general, I infanto-juvénile. */
  psySector?: 'G' | 'I'
  /** May carry ror-healthcareservice-no-consent-habilitation = true. */
  noConsent?: boolean
  /** Intervention zone (communes around the site): home-care services. */
  zones?: boolean
  /** Ville offers: profession (TRE_G15) of the PractitionerRoles. */
  profession?: string
}

export interface TemplatePick {
  key: string
  /** Probability that the establishment runs this offer. */
  p: number
  /** Number of offers of this kind when present (default 1). */
  n?: [number, number]
}

/** Kind of legal entity behind an establishment. */
export type EjKind =
  'publicHospital' | 'publicMs' | 'nonProfit' | 'commercial' | 'liberal' | 'municipal'

export type Naming =
  'chu' | 'ch' | 'clinic' | 'smr' | 'psy' | 'ehpad' | 'ms' | 'home' | 'cabinet' | 'centre'

export interface CategoryProfile {
  /** FINESS category, JDV_J55 (TRE_R66 or TRE_R02). */
  category: string
  /** Prefix of the establishment's name, e.g. "EHPAD", "IME". */
  label: string
  /** Relative frequency among establishments. */
  weight: number
  /** Establishments of one legal entity are drawn from the same family. */
  family: string
  ej: [EjKind, number][]
  /** Probability that the legal entity runs several establishments, and how many. */
  groupP: number
  groupSize: [number, number]
  /** Commune weight = population^alpha (alpha > 1: cities). */
  alpha: number
  minPopulation?: number
  naming: Naming
  /** Offers run by the establishment itself (providedBy = EG). */
  offers?: TemplatePick[]
  /** Hospital services (each an OI unit under a pôle), see hospital-services.ts. */
  services?: { key: string; p: number }[]
  /** Liberal practice: number of professionals and their professions (offers-ville.ts). */
  ville?: { professionals: [number, number]; mix: 'solo' | 'group' | 'multi' }
  /** Hospitals: helicopter drop zone and ORSAN level are plausible. */
  isHospital?: boolean
}
