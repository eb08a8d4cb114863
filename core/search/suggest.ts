/**
 * Autocomplete (issue 6): activities and families by French label or code, structures by
 * name, FINESS or city. Matching is the search's text rule (every typed token prefixes a
 * token of the entry). Ranking: entries whose folded label starts with the typed text first,
 * then the most used (more offers), then label, then id.
 *
 * Speed: the entries whose label starts with the text are one range of the label-sorted
 * entries (binary search); when that range alone fills the list — the usual case for the
 * first keystrokes, which match the most entries — no posting is read at all.
 */
import { foldText } from '../geo/fold'
import { topK } from './order'
import {
  type TextIndex,
  type TokenMatcher,
  cheapestMatcher,
  docMatchesAll,
  forEachPosting,
  textMatchers,
} from './text-index'
import type {
  ActivitySuggestion,
  SearchIndex,
  StructureSuggestion,
  SuggestionCatalog,
} from './types'

/** `[lo, hi)` in `byKey` of the entries whose folded label starts with `prefix`. */
function keyRange(cat: SuggestionCatalog, prefix: string): [number, number] {
  const bound = (key: string): number => {
    let lo = 0
    let hi = cat.byKey.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((cat.sortKeys[cat.byKey[mid] ?? 0] ?? '') < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  return [bound(prefix), bound(prefix + '\uffff')]
}

/** The `limit` best entries of `docs` in the static order. */
function best(cat: SuggestionCatalog, docs: ArrayLike<number>, limit: number): number[] {
  const rankOf = (p: number) => cat.rank[docs[p] ?? 0] ?? 0
  return Array.from(
    topK(docs.length, limit, (p, q) => rankOf(p) - rankOf(q)),
    (p) => docs[p] ?? 0,
  )
}

/** Entries matching `text`, best first. */
function suggest(cat: SuggestionCatalog, text: string, limit: number): number[] {
  const matchers = textMatchers(cat.text, text)
  if (matchers === undefined || limit <= 0) return []
  const folded = foldText(text)
  const [lo, hi] = keyRange(cat, folded)
  const first = best(cat, cat.byKey.subarray(lo, hi), limit)
  if (first.length >= limit) return first
  const others = otherMatches(cat.text, matchers, cat.byKey.length, (d) =>
    (cat.sortKeys[d] ?? '').startsWith(folded),
  )
  return [...first, ...best(cat, others, limit - first.length)]
}

/** Entries matching every matcher, except those `skip` says were already taken. */
function otherMatches(
  ti: TextIndex,
  matchers: readonly TokenMatcher[],
  count: number,
  skip: (doc: number) => boolean,
): number[] {
  const seen = new Uint8Array(count)
  const out: number[] = []
  forEachPosting(ti, cheapestMatcher(matchers) as TokenMatcher, (doc) => {
    if (seen[doc] === 1) return
    seen[doc] = 1
    if (!skip(doc) && docMatchesAll(ti, doc, matchers)) out.push(doc)
  })
  return out
}

/**
 * Activities and families whose label or code matches `text` (« pedopsy », « hôpital de
 * jour », « 022 »), best first.
 */
export function suggestActivities(
  index: SearchIndex,
  text: string,
  limit = 10,
): ActivitySuggestion[] {
  const cat = index.activityCatalog
  return suggest(cat, text, limit).map((d) => ({ ...(cat.entries[d] as ActivitySuggestion) }))
}

/** Structures (EG and EJ with offers) whose name, alias, FINESS or city matches `text`. */
export function suggestStructures(
  index: SearchIndex,
  text: string,
  limit = 10,
): StructureSuggestion[] {
  const cat = index.structures
  const { orgs } = index
  return suggest(cat, text, limit).map((d) => {
    const s: StructureSuggestion = {
      id: orgs.ids[d] ?? '',
      kind: orgs.kinds[d] === 1 ? 'EJ' : 'EG',
      name: orgs.names[d] ?? '',
      offerCount: cat.offerCount[d] ?? 0,
    }
    if (orgs.finess[d]) s.finess = orgs.finess[d]
    if (cat.cities[d]) s.city = cat.cities[d]
    return s
  })
}
