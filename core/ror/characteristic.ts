/**
 * Slices of `HealthcareService.characteristic` (ror-healthcareservice, sliced on `coding.system`
 * and on the `ror-act-type` extension; ROR-FHIR-NOTES §3.1). Shared by the mapper (which stores
 * the slice name) and the access policy (which hides the restricted slices, notes §4.2).
 */
import type { CharacteristicSlice } from '../snapshot/records'
import type { CodeableConcept } from './fhir-types'
import { extensionByUrl, extensionCode, nosId } from './fhir'
import { EXT } from './urls'

/**
 * NOS identifier of the coding system → slice. Producers use either the TRE (code system) or
 * the JDV (value set) URL as `system` (seen in IG examples), so both are listed.
 */
const SLICE_BY_NOS: Readonly<Record<string, CharacteristicSlice>> = {
  TRE_R213: 'careMode',
  JDV_J19: 'careMode',
  TRE_R240: 'receptionType',
  JDV_J30: 'receptionType',
  TRE_R338: 'receptionModality',
  JDV_J226: 'receptionModality',
  TRE_R236: 'managementType',
  JDV_J26: 'managementType',
  TRE_R245: 'takingCareSpeciality',
  JDV_J35: 'takingCareSpeciality',
  TRE_R238: 'annualOpening',
  JDV_J28: 'annualOpening',
  // JDV_J186 ProfessionRessource mixes these code systems.
  JDV_J186: 'ressourceProfession',
  TRE_R356: 'ressourceProfession',
  TRE_G15: 'ressourceProfession',
  TRE_R94: 'ressourceProfession',
  TRE_R85: 'ressourceProfession',
  TRE_R95: 'ressourceProfession',
  TRE_R96: 'ressourceProfession',
  TRE_R243: 'specificCompetence',
  JDV_J33: 'specificCompetence',
  // JDV_J227 NiveauExpertise = TRE_R253 (type de maternité) + TRE_R344.
  JDV_J227: 'expertiseLevel',
  TRE_R253: 'expertiseLevel',
  TRE_R344: 'expertiseLevel',
  JDV_J185: 'temporalityStopService',
  // Acte spécifique without `ror-act-type` (older data, e.g. the 2023 IG example).
  TRE_R210: 'specificAct',
  JDV_J16: 'specificAct',
}

/** The slice a characteristic belongs to; `'other'` when it cannot be recognised. */
export function characteristicSlice(cc: CodeableConcept): CharacteristicSlice {
  // `ror-act-type` tells acte spécifique from acte réalisé hors cabinet (same value set J16).
  const actType = extensionCode(extensionByUrl(cc, EXT.actType))
  if (actType === 'specificAct' || actType === 'outsideOfficeAct') return actType
  for (const c of cc.coding ?? []) {
    const id = nosId(c.system)
    const slice = id === undefined ? undefined : SLICE_BY_NOS[id]
    if (slice) return slice
  }
  return 'other'
}

/**
 * Slices whose content is "restricted" (profiles 1, 2; profile 3 for MS offers; never profile 0)
 * per notes §4.2. `'other'` (a characteristic we cannot classify) is treated as restricted:
 * when in doubt the policy hides rather than leaks.
 */
export const RESTRICTED_SLICES: ReadonlySet<CharacteristicSlice> = new Set<CharacteristicSlice>([
  'specificAct',
  'outsideOfficeAct',
  'takingCareSpeciality',
  'ressourceProfession',
  'specificCompetence',
  'other',
])
