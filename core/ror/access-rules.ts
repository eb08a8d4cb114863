/**
 * The access-profile rule table (ROR-FHIR-NOTES §4): for each policed element, which of the
 * profiles 0–5 may see it, possibly depending on the champ d'activité of the offers the element
 * belongs to. Declarative on purpose: the table is the policy, `access-policy.ts` only walks
 * resources and asks it. Tested element × profile in access-policy.test.ts.
 *
 * Profiles (notes §4.1): 0 public data only; 1 everything; 2 everything except "très
 * restreint"; 3 médico-social offer like 2, sanitaire and ville offer public data only; 4
 * everything except contact data and personal data; 5 like 2 except capacities.
 */
import type { AccessProfile, ConfidentialityLevel } from '../snapshot/records'
import { FIELD } from './urls'

/**
 * `true`/`false`, or a condition on the champs d'activité (TRE_R227) of the *visible* offers the
 * element belongs to: `allFieldsIn` needs at least one such offer and all of them in the list
 * (used for data attached to several offers, e.g. a place's phone: a conflict hides it);
 * `anyFieldIn` needs one (used for a professional, visible through any of their roles).
 */
export type Condition =
  boolean | { readonly allFieldsIn: readonly string[] } | { readonly anyFieldIn: readonly string[] }

export type PolicedElement =
  | 'sensitiveOffer'
  | 'sensitiveFlag'
  | 'restrictedCharacteristic'
  | 'contactLevel1'
  | 'contactLevel2'
  | 'contactLevel3'
  | 'locationTelecom'
  | 'capacities'
  | 'dropZone'
  | 'orsanLevel'
  | 'practitionerRole'
  | 'practitionerRolePersonalData'
  | 'practitioner'

type Row = Readonly<Record<AccessProfile, Condition>>

const MS = { allFieldsIn: [FIELD.ms] } as const
const VILLE = { allFieldsIn: [FIELD.ville] } as const
const MS_OR_VILLE = { allFieldsIn: [FIELD.ms, FIELD.ville] } as const
const ONLY_PROFILE_1: Row = { 0: false, 1: true, 2: false, 3: false, 4: false, 5: false }

export const ACCESS_RULES: Readonly<Record<PolicedElement, Row>> = {
  /** Unité sensible: the whole offer, its Locations and PractitionerRoles (§4.1 point 3). */
  sensitiveOffer: ONLY_PROFILE_1,
  /** The `ror-healthcareservice-sensitive-unit` flag itself is "very restricted" (§4.1). */
  sensitiveFlag: ONLY_PROFILE_1,
  /** Acte spécifique / hors cabinet, spécialisation, profession ressource, compétence (§4.2). */
  restrictedCharacteristic: { 0: false, 1: true, 2: true, 3: MS, 4: true, 5: true },
  /**
   * Contacts and telecoms by confidentiality level (§4.2 Organization.contact rows): 1 public;
   * 2 profiles 1, 2 and profile 3 for MS (only level 1 for MCO/PSY/SMR/ambulatoire); 3 profile
   * 1 only. Profile 4 sees no contact data at all (§4.1). Profile 5 is "everything except très
   * restreint" (§4.1), so it keeps levels 1–2.
   */
  contactLevel1: { 0: true, 1: true, 2: true, 3: true, 4: false, 5: true },
  contactLevel2: { 0: false, 1: true, 2: true, 3: MS, 4: false, 5: true },
  contactLevel3: ONLY_PROFILE_1,
  /** Location.telecom (§4.2): 1, 2; 3 if MS or ambulatoire; 0 only if ambulatoire (ville). */
  locationTelecom: { 0: VILLE, 1: true, 2: true, 3: MS_OR_VILLE, 4: false, 5: true },
  /**
   * Location capacities (lits/places): not annotated, the access policy excludes them from
   * profile 5, so they are "restricted" (§4.2): never profile 0, profile 3 for MS places only.
   */
  capacities: { 0: false, 1: true, 2: true, 3: MS, 4: true, 5: false },
  /** EG niveau de recours ORSAN and zone de poser hélicoptère: very restricted (§4.2). */
  dropZone: ONLY_PROFILE_1,
  orsanLevel: ONLY_PROFILE_1,
  /**
   * PractitionerRole (§4.2): profiles 1, 2; 3 if MS or ambulatoire; 0 only for ambulatoire
   * (ville) offers. Profile 4 and 5 keep the role (not contact data, not "très restreint"),
   * profile 4 without its personal data (next row).
   */
  practitionerRole: { 0: VILLE, 1: true, 2: true, 3: MS_OR_VILLE, 4: true, 5: true },
  /** Exercise name, role identifier and link to the person: personal data, hidden from 4. */
  practitionerRolePersonalData: { 0: true, 1: true, 2: true, 3: true, 4: false, 5: true },
  /**
   * Practitioner (identity, not annotated): shown where at least one of their roles is
   * (§4.2 PractitionerRole row); never to profile 4 (personal data, §4.1).
   */
  practitioner: {
    0: { anyFieldIn: [FIELD.ville] },
    1: true,
    2: true,
    3: { anyFieldIn: [FIELD.ms, FIELD.ville] },
    4: false,
    5: true,
  },
}

/** What a condition is evaluated against: the visible offers an element belongs to. */
export interface Scope {
  holds(cond: Condition): boolean
}

/** A scope made of offers: the distinct fields (champ d'activité as served, possibly unknown). */
class FieldScope implements Scope {
  /** The placements of this scope, made once (see `placementOf` in access-policy.ts). */
  readonly placements: {
    hidden?: { hidden: true; scope: Scope }
    shown?: { hidden: false; scope: Scope }
  } = {}

  constructor(private readonly fields: readonly (string | undefined)[]) {}

  holds(cond: Condition): boolean {
    if (typeof cond === 'boolean') return cond
    const fields = this.fields
    if ('allFieldsIn' in cond) {
      return (
        fields.length > 0 && fields.every((f) => f !== undefined && cond.allFieldsIn.includes(f))
      )
    }
    return fields.some((f) => f !== undefined && cond.anyFieldIn.includes(f))
  }
}

/**
 * Scopes by their distinct fields: a conditions only asks whether some, every or no field is in
 * a list, so offers with the same fields make the same scope. A national snapshot has ~900,000
 * placements but a few dozen scopes; sharing them saves ~100 MB while the snapshot is built.
 */
const SCOPES = new Map<string, FieldScope>()
const MAX_SCOPES = 4096

/** A scope made of offers (champ d'activité as served, possibly unknown). */
export function scopeOfFields(fields: readonly (string | undefined)[]): Scope {
  return fieldScope(fields)
}

/** {@link scopeOfFields}, with its placements (for `placementOf`). */
export function fieldScope(fields: readonly (string | undefined)[]): FieldScope {
  const distinct = fields.length <= 1 ? fields : [...new Set(fields)]
  // Unknown fields as null; sorted, so that the order of the offers does not matter.
  const key = JSON.stringify(distinct.map((f) => f ?? null).sort())
  let scope = SCOPES.get(key)
  if (!scope) {
    scope = new FieldScope(distinct)
    // Past the bound (odd input) scopes are simply not shared.
    if (SCOPES.size < MAX_SCOPES) SCOPES.set(key, scope)
  }
  return scope
}

export type { FieldScope }

/**
 * A scope in which every field condition holds: used to map a resource before the offers it
 * belongs to are all known, keeping a superset that is narrowed later with the real scope.
 */
export const PERMISSIVE_SCOPE: Scope = {
  holds: (cond) => (typeof cond === 'boolean' ? cond : true),
}

/** Whether `profile` may see `element` in `scope`. */
export function allows(element: PolicedElement, profile: AccessProfile, scope: Scope): boolean {
  return scope.holds(ACCESS_RULES[element][profile])
}

const LEVEL_ELEMENT: Readonly<Record<ConfidentialityLevel, PolicedElement>> = {
  '1': 'contactLevel1',
  '2': 'contactLevel2',
  '3': 'contactLevel3',
}

/** Whether `profile` may see a contact or telecom of confidentiality `level` in `scope`. */
export function allowsLevel(
  level: ConfidentialityLevel,
  profile: AccessProfile,
  scope: Scope,
): boolean {
  return allows(LEVEL_ELEMENT[level], profile, scope)
}
