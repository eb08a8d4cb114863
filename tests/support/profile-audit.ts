/**
 * Test helper: what each access profile may NOT see, written from ROR-FHIR-NOTES §4.1/§4.2
 * independently of core/ror/access-rules.ts, and checked on the records of a snapshot dump.
 * Returns a description of every violation found (empty = the dump respects the profile).
 */
type Rec = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const RESTRICTED = [
  'specificAct',
  'outsideOfficeAct',
  'takingCareSpeciality',
  'ressourceProfession',
  'specificCompetence',
  'other',
]
const MS = '04'
const VILLE = '05'

export function profileViolations(profile: number, dump: Rec[]): string[] {
  const out: string[] = []
  const offers = new Map(dump.filter((r) => r.type === 'offer').map((r) => [r.id as string, r]))
  const offersAt = (locationId: string) =>
    [...offers.values()].filter((o) => o.locationIds.includes(locationId))
  const bad = (r: Rec, what: string) => out.push(`${r.type}/${r.id}: ${what}`)

  for (const r of dump) {
    if (r.type === 'placement') continue
    const contacts: Rec[] = r.contacts ?? []
    const telecoms: Rec[] = [...(r.telecoms ?? []), ...contacts.flatMap((c) => c.telecoms)]
    const field: string | undefined =
      r.type === 'offer'
        ? r.field
        : r.type === 'practitionerRole'
          ? offers.get(r.offerId)?.field
          : undefined
    if (profile !== 1) {
      if ('isSensitive' in r) bad(r, 'sensitive-unit flag')
      if ('hasDropZone' in r || 'orsanLevel' in r) bad(r, 'drop zone / ORSAN level')
      if ([...contacts, ...telecoms].some((t) => t.confidentiality === '3'))
        bad(r, 'level-3 contact')
      if (/sens/.test(r.id)) bad(r, 'data of a sensitive unit')
    }
    if (profile === 4) {
      if (contacts.length + telecoms.length > 0) bad(r, 'contact data')
      if (r.type === 'practitioner') bad(r, 'personal data (practitioner)')
      if (r.exerciseName || r.practitionerId) bad(r, 'personal data (exercise name)')
    }
    if ((profile === 0 || profile === 5) && (r.capacities || r.residentialCapacities))
      bad(r, 'capacities')
    if (profile === 0) {
      if ([...contacts, ...telecoms].some((t) => t.confidentiality !== '1'))
        bad(r, 'level-2 contact')
      if ((r.characteristics ?? []).some((c: Rec) => RESTRICTED.includes(c.slice)))
        bad(r, 'restricted slice')
      if (r.type === 'practitionerRole' && field !== VILLE) bad(r, 'role of a non-ville offer')
      if (
        r.type === 'location' &&
        telecoms.length > 0 &&
        !offersAt(r.id).every((o) => o.field === VILLE)
      ) {
        bad(r, 'place telecom of a non-ville offer')
      }
    }
    if (profile === 3) {
      if (r.type === 'offer' && field !== MS) {
        if ((r.characteristics ?? []).some((c: Rec) => RESTRICTED.includes(c.slice)))
          bad(r, 'restricted slice (not MS)')
        if ([...contacts, ...telecoms].some((t) => t.confidentiality !== '1'))
          bad(r, 'level-2 contact (not MS)')
      }
      if (r.type === 'practitionerRole' && field !== MS && field !== VILLE)
        bad(r, 'role of a sanitaire offer')
      if (r.type === 'location' && r.capacities && !offersAt(r.id).every((o) => o.field === MS)) {
        bad(r, 'capacities of a non-MS place')
      }
    }
  }
  return out
}
