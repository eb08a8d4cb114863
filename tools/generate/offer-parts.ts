/**
 * Parts of an offer (ror-healthcareservice) derived from its template: characteristic slices
 * (careMode, receptionType, receptionModality, annualOpening, expertiseLevel and the
 * restricted takingCareSpeciality / specificCompetence / specificAct / ressourceProfession),
 * the patient type with its age range (notes §3.5), psychiatric sectors, intervention zones.
 */
import type { CodeableConcept, Extension, Quantity } from '../../core/ror/fhir-types'
import type { AgeSpec, AgeUnit, OfferTemplate } from './catalog-types'
import type { Model } from './model'
import type { Rng } from './prng'
import { CS, EXT } from './systems'
import { codeable, concept } from './vocab'

/** Characteristic slices, in the order the IG examples list them. */
export function characteristics(rng: Rng, t: OfferTemplate, mode: string): CodeableConcept[] {
  const out: CodeableConcept[] = []
  if (t.expertise) out.push(codeable('R253', rng.pick(t.expertise)))
  out.push(codeable('J19', mode))
  if (t.reception) out.push(codeable('J30', t.reception))
  for (const m of rng.sample(t.modalities ?? [], rng.int(0, 2))) out.push(codeable('J226', m))
  const opening = t.annualOpening ?? (t.hours === 'h24' && rng.chance(0.5) ? '03' : undefined)
  if (opening) out.push(codeable('R238', opening))
  // Restricted slices (notes §4.2): not every offer fills them in.
  if (t.specialities && rng.chance(0.7)) {
    for (const c of rng.sample(t.specialities, rng.int(1, 2))) out.push(codeable('J35', c))
  }
  if (t.competences && rng.chance(0.6)) {
    for (const c of rng.sample(t.competences, rng.int(1, 2))) out.push(codeable('J33', c))
  }
  if (t.acts && rng.chance(0.65)) {
    for (const c of rng.sample(t.acts, rng.int(1, 2))) {
      // acte spécifique: TRE_R210 coding + ror-act-type = specificAct on the characteristic.
      out.push({
        extension: [{ url: EXT.actType, valueCode: 'specificAct' }],
        ...codeable('R210', c),
      })
    }
  }
  if (t.professions && rng.chance(0.5)) out.push(codeable('J186', rng.pick(t.professions)))
  return out
}

/** How bound quantities are written: mostly TRE_R247 like the 2025 example, some UCUM, a few bare. */
type UnitStyle = 'mos' | 'ucum' | 'bare'

function quantity(value: number, unit: AgeUnit, style: UnitStyle): Quantity {
  if (style === 'bare') return { value }
  return { value, system: style === 'mos' ? CS.ucumMos : CS.ucum, code: unit }
}

/** The age range actually served: a template variant, with the units really seen. */
export function drawAge(rng: Rng, t: OfferTemplate): { spec: AgeSpec; style: UnitStyle } {
  const spec = rng.chance(0.75) || t.ages.length === 1 ? t.ages[0] : rng.pick(t.ages.slice(1))
  const chosen = { ...(spec ?? { low: 0, lowUnit: 'd', high: 120, highUnit: 'a' }) }
  // The data-entry questionnaire defaults the lower bound to 0 day.
  if (chosen.low === 0 && chosen.lowUnit === 'a' && rng.chance(0.3)) chosen.lowUnit = 'd'
  const r = rng.next()
  const inYears = chosen.lowUnit === 'a' && chosen.highUnit === 'a'
  // A bound without unit means years, so only year ranges are ever written bare.
  const style: UnitStyle = r < 0.04 && inYears ? 'bare' : r < 0.16 ? 'ucum' : 'mos'
  return { spec: chosen, style }
}

export function patientType(rng: Rng, t: OfferTemplate): Extension {
  const parts: Extension[] = []
  const publics = t.publics ?? []
  for (const p of rng.sample(publics, publics.length > 1 ? rng.int(1, 2) : publics.length)) {
    parts.push({ url: 'supportedPatientInfo', valueCodeableConcept: codeable('J29', p) })
  }
  const { spec, style } = drawAge(rng, t)
  parts.push({
    url: 'ageRange',
    valueRange: {
      low: quantity(spec.low, spec.lowUnit, style),
      high: quantity(spec.high, spec.highUnit, style),
    },
  })
  return { url: EXT.patientType, extension: parts }
}

/** Psychiatric sectors of an establishment: `<département><G|I><nn>`, shared by its offers. */
export function psychiatricSectors(m: Model, eg: number, letter: 'G' | 'I'): Extension[] {
  const dep = m.communes.departement[m.ds.org.get('commune', eg)] ?? '75'
  const rng = m.base('Organization', eg, letter === 'G' ? 6 : 7)
  const first = rng.int(1, 18)
  const sectors = [first, ...(rng.chance(0.15) ? [first + 1] : [])]
  return sectors.map((n) => ({
    url: EXT.psychiatricSector,
    valueString: `${dep}${letter}${String(n).padStart(2, '0')}`,
  }))
}

/** Intervention zone: the communes of the département nearest to the establishment. */
export function interventionZones(m: Model, eg: number, rng: Rng): Extension[] {
  const c = m.ds.org.get('commune', eg)
  const lat = m.communes.lat[c] ?? 0
  const lon = m.communes.lon[c] ?? 0
  const dep = m.communes.departement[c] ?? ''
  const near = [...m.communesOfDepartement(dep)]
    .map((i) => ({
      i,
      d: ((m.communes.lat[i] ?? 0) - lat) ** 2 + ((m.communes.lon[i] ?? 0) - lon) ** 2,
    }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, rng.int(3, 12))
  return near.map(({ i }) => ({
    url: EXT.territorialDivision,
    extension: [
      { url: 'typeTerritorialDivision', valueCodeableConcept: codeable('J223', '3') },
      {
        url: 'codeTerritorialDivision',
        valueCodeableConcept: {
          coding: [
            {
              system: CS.commune,
              code: m.communes.code[i] ?? '',
              display: m.communes.name[i] ?? '',
            },
          ],
        },
      },
    ],
  }))
}

/** Display of an activity code (for names). */
export function activityLabel(code: string): string {
  return concept('J17', code).display
}
