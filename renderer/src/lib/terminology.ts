import { queryOptions, useQuery } from '@tanstack/react-query'
import { loadBundledTerminology } from '../../../core/terminology/bundled'
import type { Terminology } from '../../../core/terminology/terminology'

/** The bundled terminologies never change while the app runs. */
export const terminologyQuery = queryOptions({
  queryKey: ['terminology'] as const,
  queryFn: () => loadBundledTerminology(),
  staleTime: Infinity,
  gcTime: Infinity,
})

/**
 * Label lookup: codes are stored, labels are looked up at display time; an unknown code is
 * shown as the code itself, never dropped.
 */
export function useLabel(): (valueSet: string, code: string) => string {
  const { data } = useQuery(terminologyQuery)
  return (valueSet, code) => labelWith(data, valueSet, code)
}

export function labelWith(t: Terminology | undefined, valueSet: string, code: string): string {
  return t ? t.label(valueSet, code) : code
}

/** Value-set ids used by the UI. */
export const VALUE_SETS = {
  activity: 'JDV_J17-ActiviteOperationnelle-ROR',
  family: 'JDV_J51-FamilleActiviteOperationnelle-ROR',
  field: 'JDV_J20-ChampActivite-ROR',
  careMode: 'JDV_J19-ModePriseEnCharge-ROR',
  offerType: 'JDV_J238-TypeOffre-ROR',
  category: 'JDV_J55-CategorieEG-ROR',
  public: 'JDV_J29-PublicPrisEnCharge-ROR',
  region: 'JDV_J237-RegionOM-ROR',
  confidentiality: 'JDV_J222-NiveauConfidentialite-ROR',
  channel: 'JDV_J225-CanalCommunication-ROR',
  contactPurpose: 'JDV_J221-NatureContact-ROR',
  placeFunction: 'JDV_J198-FonctionLieu-ROR',
  capacityKind: 'JDV_J187-NatureCapacite-ROR',
  capacityStatus: 'JDV_J188-TypeStatutCapacite-ROR',
  capacityTemporality: 'JDV_J189-TemporaliteCapacite-ROR',
  capacityGender: 'JDV_J190-GenreCapacite-ROR',
  specialisation: 'JDV_J35-SpecialisationDePriseEnCharge-ROR',
  competence: 'JDV_J33-CompetenceSpecifique-ROR',
  receptionModality: 'JDV_J226-ModaliteAccueil-ROR',
  receptionType: 'JDV_J30-TemporaliteAccueil-ROR',
} as const
