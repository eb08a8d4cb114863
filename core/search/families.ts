/**
 * Activity family → operational activities, for the activity criterion (issue 6: an offer
 * matches a family by its own `specialty[operationalActivityFamily]` or through the ASS_A14
 * association).
 *
 * ASS_A14 names families two ways: TRE_R266 codes (`01`…`04`) and SERAFIN-PH numbers
 * (`2.1.1.1`). Offers carry JDV_J51 codes, where a SERAFIN family is a TRE_R265 code whose
 * label starts with its SERAFIN number (`004` = « 2.1.1.1 Soins médicaux… »). Both spellings
 * are keys of the map, so `--family 004` and `--family 2.1.1.1` select the same activities.
 */

/** What is needed from the terminology (core/terminology `Terminology` satisfies it). */
export interface FamilyTerminology {
  concepts(valueSet: string): readonly { code: string; display: string; parent?: string }[]
  activitiesOfFamily(familyCode: string): readonly string[]
}

const FAMILY_VALUE_SET = 'JDV_J51-FamilleActiviteOperationnelle-ROR'
const ASSOCIATION = 'ASS_A14-FamilleActivite-ActiviteOperationnelle'
const SERAFIN_NUMBER = /^(\d+(?:\.\d+)+)\s/

/** Family code (JDV_J51 or SERAFIN number) → activity codes (TRE_R211) per ASS_A14. */
export function familyActivityMap(terminology: FamilyTerminology): Map<string, string[]> {
  const map = new Map<string, string[]>()
  const add = (key: string, activities: readonly string[]): void => {
    if (activities.length === 0) return
    const list = map.get(key) ?? []
    for (const a of activities) if (!list.includes(a)) list.push(a)
    map.set(key, list)
  }
  // Every family ASS_A14 names, even those JDV_J51 does not list (e.g. SERAFIN « 3.2.1 »).
  for (const c of terminology.concepts(ASSOCIATION)) {
    if (c.parent !== undefined) add(c.parent, terminology.activitiesOfFamily(c.parent))
  }
  for (const family of terminology.concepts(FAMILY_VALUE_SET)) {
    add(family.code, terminology.activitiesOfFamily(family.code))
    const serafin = SERAFIN_NUMBER.exec(family.display)?.[1]
    if (serafin !== undefined) {
      const activities = terminology.activitiesOfFamily(serafin)
      add(family.code, activities)
      add(serafin, activities)
    }
  }
  return map
}
