/**
 * Autocomplete catalogues (issue 6 « Autocomplete for activities … and structures »): small
 * prefix indexes over activity / family labels and over the structures (EG, EJ) that provide
 * at least one offer. Communes come from the gazetteer (core/geo).
 */
import { foldText } from '../geo/fold'
import type { OrganizationRecord } from '../snapshot/records'
import type { SearchIndexContext } from './build'
import { activityMatcher } from './criteria'
import { TextIndexBuilder, type TokenMemo } from './text-index'
import type {
  ActivityCatalog,
  ActivitySuggestion,
  CommuneInfo,
  CoreIndex,
  StructureCatalog,
} from './types'

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Static order of autocomplete entries (most offers first, then folded label, then id) and
 * the entries sorted by folded label (see suggest.ts).
 */
export function catalogOrder(
  sortKeys: readonly string[],
  count: (d: number) => number,
  id: (d: number) => string,
): { rank: Uint32Array; byKey: Uint32Array } {
  const byKey = Uint32Array.from(sortKeys, (_, d) => d).sort((a, b) =>
    byCodeUnits(sortKeys[a] ?? '', sortKeys[b] ?? ''),
  )
  // Position of each entry's key among the sorted keys (equal keys share one): the static
  // order then compares integers, and ids only between entries with the same label.
  const keyPos = new Uint32Array(byKey.length)
  byKey.forEach((d, k) => {
    const prev = byKey[k - 1]
    keyPos[d] = k > 0 && sortKeys[prev ?? 0] === sortKeys[d] ? (keyPos[prev ?? 0] ?? 0) : k
  })
  const ranked = byKey
    .slice()
    .sort(
      (a, b) =>
        count(b) - count(a) || (keyPos[a] ?? 0) - (keyPos[b] ?? 0) || byCodeUnits(id(a), id(b)),
    )
  const rank = new Uint32Array(byKey.length)
  ranked.forEach((d, k) => (rank[d] = k))
  return { rank, byKey }
}

/**
 * The structures of the index's organisation table (every EG and EJ some offer points to),
 * with their offer counts and a name / alias / FINESS / city index.
 */
export function buildStructureCatalog(
  index: CoreIndex,
  records: readonly OrganizationRecord[],
  communeOf: (code: string | undefined) => CommuneInfo | undefined,
  folding: TokenMemo,
): StructureCatalog {
  const offerCount = new Uint32Array(records.length)
  for (const col of [index.structure, index.legalEntity]) {
    for (const slot of col) if (slot >= 0) offerCount[slot] = (offerCount[slot] ?? 0) + 1
  }
  const text = new TextIndexBuilder(folding)
  const sortKeys: string[] = []
  const cities: string[] = []
  for (const rec of records) {
    const city = communeOf(rec.address?.communeCode)?.name ?? rec.address?.city ?? ''
    cities.push(city)
    sortKeys.push(folding.of(rec.name).join(' '))
    text.add(text.tokenIds(rec.name))
    text.add(text.tokenIds(rec.alias))
    text.add(text.tokenIds(rec.finess))
    text.add(text.tokenIds(city))
    text.endDoc()
  }
  const order = catalogOrder(
    sortKeys,
    (d) => offerCount[d] ?? 0,
    (d) => index.orgs.ids[d] ?? '',
  )
  return { offerCount, sortKeys, cities, text: text.finish(), ...order }
}

/**
 * Activities (TRE_R211) and families seen in the offers or known from the terminologies, with
 * French labels (the code when no label is known: codes are never dropped) and the number of
 * offers each would select — the same count the search would return with that criterion alone
 * (closed offers included).
 */
export function buildActivityCatalog(index: CoreIndex, input: SearchIndexContext): ActivityCatalog {
  const activityCodes = new Set([...index.activityCodes.values, ...(input.knownActivities ?? [])])
  const familyCodes = new Set([
    ...index.familyCodes.values,
    ...(input.knownFamilies ?? []),
    ...(input.familyActivities?.keys() ?? []),
  ])
  const entries: ActivitySuggestion[] = []
  for (const code of activityCodes) {
    const id = index.activityCodes.get(code)
    const offerCount =
      id === undefined
        ? 0
        : (index.activityOffers.offsets[id + 1] ?? 0) - (index.activityOffers.offsets[id] ?? 0)
    entries.push({ kind: 'activity', code, label: input.activityLabel?.(code) ?? code, offerCount })
  }
  for (const code of familyCodes) {
    const matcher = activityMatcher(index, undefined, [code])
    let offerCount = 0
    if (matcher) matcher.forEachCandidate(() => offerCount++)
    entries.push({ kind: 'family', code, label: input.familyLabel?.(code) ?? code, offerCount })
  }
  const text = new TextIndexBuilder()
  for (const e of entries) text.addDoc([text.tokenIds(e.label), text.tokenIds(e.code)])
  const sortKeys = entries.map((e) => foldText(e.label))
  const order = catalogOrder(
    sortKeys,
    (d) => entries[d]?.offerCount ?? 0,
    (d) => `${entries[d]?.kind}:${entries[d]?.code}`,
  )
  return { entries, sortKeys, text: text.finish(), ...order }
}
