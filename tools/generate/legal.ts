/**
 * Legal status of the legal entities (EJ): `type[statutJuridiqueINSEE]` (TRE_R72) and
 * `type[sousEnsembleAgregatStatutJuridique]` (TRE_R69), drawn from the kind of entity
 * (public hospital, association, company, liberal practice…).
 */
import type { EjKind } from './catalog-types'
import type { Rng } from './prng'

export const EJ_KINDS: readonly EjKind[] = [
  'publicHospital',
  'publicMs',
  'nonProfit',
  'commercial',
  'liberal',
  'municipal',
]

/** TRE_R72 code → TRE_R69 level-2 aggregate. */
export const LEGAL_STATUSES: readonly { code: string; aggregate: string }[] = [
  { code: '13', aggregate: '1200' },
  { code: '14', aggregate: '1200' },
  { code: '15', aggregate: '1200' },
  { code: '21', aggregate: '1200' },
  { code: '22', aggregate: '1200' },
  { code: '17', aggregate: '1200' },
  { code: '60', aggregate: '2100' },
  { code: '61', aggregate: '2100' },
  { code: '63', aggregate: '2100' },
  { code: '47', aggregate: '2100' },
  { code: '95', aggregate: '2200' },
  { code: '72', aggregate: '2200' },
  { code: '73', aggregate: '2200' },
  { code: '70', aggregate: '2200' },
  { code: '85', aggregate: '2200' },
  { code: '79', aggregate: '2200' },
  { code: '88', aggregate: '2200' },
  { code: '80', aggregate: '2200' },
  { code: '03', aggregate: '1100' },
]

const statusIndex = new Map(LEGAL_STATUSES.map((s, i) => [s.code, i]))

const BY_KIND: Record<EjKind, [string, number][]> = {
  publicHospital: [
    ['13', 0.6],
    ['14', 0.3],
    ['15', 0.1],
  ],
  publicMs: [
    ['21', 0.5],
    ['22', 0.3],
    ['17', 0.2],
  ],
  nonProfit: [
    ['60', 0.55],
    ['61', 0.25],
    ['63', 0.12],
    ['47', 0.08],
  ],
  commercial: [
    ['95', 0.45],
    ['72', 0.3],
    ['73', 0.25],
  ],
  liberal: [
    ['70', 0.5],
    ['85', 0.25],
    ['79', 0.15],
    ['88', 0.1],
  ],
  municipal: [['03', 1]],
}

/** Liberal practices: the company form follows the kind of practice. */
const LIBERAL_BY_CATEGORY: Record<string, [string, number][]> = {
  SA07: [
    ['70', 0.8],
    ['85', 0.2],
  ],
  SA08: [
    ['79', 0.5],
    ['85', 0.3],
    ['88', 0.2],
  ],
  SA09: [
    ['85', 0.7],
    ['88', 0.3],
  ],
  '603': [['80', 1]],
}

/** Index in LEGAL_STATUSES of a status drawn for this kind of entity and category. */
export function drawLegalStatus(rng: Rng, kind: EjKind, category: string): number {
  const options = (kind === 'liberal' && LIBERAL_BY_CATEGORY[category]) || BY_KIND[kind]
  const [code] = options[rng.weightedIndex(options.map((o) => o[1]))] ?? options[0] ?? ['60']
  return statusIndex.get(code) ?? 0
}

export function legalStatusAt(index: number): { code: string; aggregate: string } {
  return LEGAL_STATUSES[index] ?? { code: '60', aggregate: '2100' }
}
