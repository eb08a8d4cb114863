/**
 * Bundled NOS terminologies (data/terminology, format described in ROR-FHIR-NOTES §8): French
 * labels for the codes stored in records (records keep codes, labels change over time — notes
 * §3.7) and the activity ↔ family association ASS_A14.
 */
import { z } from 'zod'

export interface TerminologyConcept {
  code: string
  display: string
  system?: string
  /** ASS_A14 only: the family (TRE_R266 / SERAFIN) the activity belongs to. */
  parent?: string
  /** Null in the source file for SERAFIN-PH families. */
  parentDisplay?: string | null
}

export interface TerminologyFile {
  id: string
  url: string
  version?: string
  defaultSystem?: string
  concepts: TerminologyConcept[]
}

const conceptSchema = z.looseObject({
  code: z.string().min(1),
  display: z.string(),
  system: z.string().optional(),
  parent: z.string().optional(),
  parentDisplay: z.string().nullish(),
})
const fileSchema = z.looseObject({
  id: z.string().min(1),
  url: z.string(),
  version: z.string().optional(),
  defaultSystem: z.string().optional(),
  concepts: z.array(conceptSchema),
})

/** Validates one parsed terminology file (a trust boundary: bundled data can be replaced). */
export function parseTerminologyFile(json: unknown): TerminologyFile {
  const parsed = fileSchema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new TerminologyFormatError(
    `Fichier de terminologie invalide (${issue?.path.join('.') || 'racine'} : ${issue?.message}).`,
  )
}

export class TerminologyFormatError extends Error {
  override name = 'TerminologyFormatError'
}

/** Short names of the value sets the app labels with (ids of the bundled files). */
export const VS = {
  activity: 'JDV_J17-ActiviteOperationnelle-ROR',
  activityFamily: 'JDV_J51-FamilleActiviteOperationnelle-ROR',
  familyActivity: 'ASS_A14-FamilleActivite-ActiviteOperationnelle',
  careMode: 'JDV_J19-ModePriseEnCharge-ROR',
  field: 'JDV_J20-ChampActivite-ROR',
  offerType: 'JDV_J238-TypeOffre-ROR',
  public: 'JDV_J29-PublicPrisEnCharge-ROR',
  receptionType: 'JDV_J30-TemporaliteAccueil-ROR',
  receptionModality: 'JDV_J226-ModaliteAccueil-ROR',
  specificCompetence: 'JDV_J33-CompetenceSpecifique-ROR',
  takingCareSpeciality: 'JDV_J35-SpecialisationDePriseEnCharge-ROR',
  ageUnit: 'JDV_J37-UcumUniteTemps',
  establishmentCategory: 'JDV_J55-CategorieEG-ROR',
  capacityKind: 'JDV_J187-NatureCapacite-ROR',
  capacityStatus: 'JDV_J188-TypeStatutCapacite-ROR',
  capacityTemporality: 'JDV_J189-TemporaliteCapacite-ROR',
  capacityGender: 'JDV_J190-GenreCapacite-ROR',
  locationFunction: 'JDV_J198-FonctionLieu-ROR',
  contactPurpose: 'JDV_J221-NatureContact-ROR',
  confidentiality: 'JDV_J222-NiveauConfidentialite-ROR',
  territoryType: 'JDV_J223-TypeDivisionTerritoriale-ROR',
  channel: 'JDV_J225-CanalCommunication-ROR',
  identifierType: 'JDV_J236-TypeIdentifiant-ROR',
  region: 'JDV_J237-RegionOM-ROR',
} as const

/** Lookup tables built once from the files; every method is O(1) after construction. */
export class Terminology {
  private readonly byKey = new Map<string, Map<string, TerminologyConcept>>()
  private readonly familiesOfActivity = new Map<string, string[]>()
  private readonly activitiesOfFamilyMap = new Map<string, string[]>()

  constructor(files: Iterable<TerminologyFile>) {
    for (const file of files) {
      const codes = new Map<string, TerminologyConcept>()
      // First occurrence wins: value sets mixing code systems rarely reuse a code.
      for (const c of file.concepts) if (!codes.has(c.code)) codes.set(c.code, c)
      for (const key of aliasesOf(file)) this.byKey.set(key, codes)
      if (file.id.startsWith('ASS_A14')) this.indexFamilies(file)
    }
  }

  private indexFamilies(file: TerminologyFile): void {
    for (const c of file.concepts) {
      if (c.parent === undefined) continue
      push(this.familiesOfActivity, c.code, c.parent)
      push(this.activitiesOfFamilyMap, c.parent, c.code)
    }
  }

  /** Whether the value set (full id, `J17`-style short id or canonical URL) is loaded. */
  hasValueSet(valueSet: string): boolean {
    return this.byKey.has(valueSet)
  }

  /** The concept for `code` in `valueSet`, when known. */
  concept(valueSet: string, code: string): TerminologyConcept | undefined {
    return this.byKey.get(valueSet)?.get(code)
  }

  /**
   * French label of `code` in `valueSet`; the code itself when the value set or the code is
   * unknown (a code is never dropped: newer codes than the bundled files still show).
   */
  label(valueSet: string, code: string): string {
    return this.concept(valueSet, code)?.display ?? code
  }

  /** Every concept of a value set, in file order. */
  concepts(valueSet: string): TerminologyConcept[] {
    return [...(this.byKey.get(valueSet)?.values() ?? [])]
  }

  /** Families of an operational activity per ASS_A14 (partial: médico-social families only). */
  familiesOf(activityCode: string): readonly string[] {
    return this.familiesOfActivity.get(activityCode) ?? []
  }

  /** Operational activities of a family per ASS_A14. */
  activitiesOfFamily(familyCode: string): readonly string[] {
    return this.activitiesOfFamilyMap.get(familyCode) ?? []
  }
}

/** `JDV_J17-ActiviteOperationnelle-ROR` → itself, `JDV_J17`, `J17` and the canonical URL. */
function aliasesOf(file: TerminologyFile): string[] {
  const keys = [file.id, file.url]
  const m = /^([A-Z]+)_([A-Z]\d+)/.exec(file.id)
  if (m?.[1] && m[2]) keys.push(`${m[1]}_${m[2]}`, m[2])
  return keys
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key)
  if (list) {
    if (!list.includes(value)) list.push(value)
  } else map.set(key, [value])
}
