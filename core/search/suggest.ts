/**
 * Autocomplete (issue 6): activities and families by French label or code, structures by
 * name, FINESS or city. Matching is the search's text rule (every typed token prefixes a
 * token of the entry). Ranking puts entries whose folded label starts with the typed text
 * first, then the most used (more offers), then alphabetical order.
 */
import { foldText } from '../geo/fold'
import {
  type TextIndex,
  type TokenMatcher,
  cheapestMatcher,
  docMatchesAll,
  forEachPosting,
  textMatchers,
} from './text-index'
import type { ActivitySuggestion, SearchIndex, StructureSuggestion } from './types'

/** Entry ids of a text index matching `text`, each once, ascending. */
function matchingDocs(ti: TextIndex, text: string, docCount: number): number[] {
  const matchers = textMatchers(ti, text)
  if (matchers === undefined) return []
  const best = cheapestMatcher(matchers) as TokenMatcher
  const seen = new Uint8Array(docCount)
  const out: number[] = []
  forEachPosting(ti, best, (doc) => {
    if (seen[doc] === 1) return
    seen[doc] = 1
    if (docMatchesAll(ti, doc, matchers)) out.push(doc)
  })
  return out
}

/** Ranks matches: label starts with the folded query, then count desc, then key, then id. */
function rankDocs(
  docs: number[],
  folded: string,
  keys: readonly string[],
  count: (doc: number) => number,
  tie: (doc: number) => string,
  limit: number,
): number[] {
  const starts = (d: number): number => ((keys[d] ?? '').startsWith(folded) ? 0 : 1)
  return docs
    .sort((a, b) => {
      const ka = keys[a] ?? ''
      const kb = keys[b] ?? ''
      return (
        starts(a) - starts(b) ||
        count(b) - count(a) ||
        (ka < kb ? -1 : ka > kb ? 1 : 0) ||
        (tie(a) < tie(b) ? -1 : tie(a) > tie(b) ? 1 : 0)
      )
    })
    .slice(0, limit)
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
  const docs = matchingDocs(cat.text, text, cat.entries.length)
  const entry = (d: number): ActivitySuggestion => cat.entries[d] as ActivitySuggestion
  return rankDocs(
    docs,
    foldText(text),
    cat.sortKeys,
    (d) => entry(d).offerCount,
    (d) => `${entry(d).kind}:${entry(d).code}`,
    limit,
  ).map((d) => ({ ...entry(d) }))
}

/** Structures (EG and EJ with offers) whose name, alias, FINESS or city matches `text`. */
export function suggestStructures(
  index: SearchIndex,
  text: string,
  limit = 10,
): StructureSuggestion[] {
  const cat = index.structures
  const { orgs } = index
  const docs = matchingDocs(cat.text, text, orgs.ids.length)
  return rankDocs(
    docs,
    foldText(text),
    cat.sortKeys,
    (d) => cat.offerCount[d] ?? 0,
    (d) => orgs.ids[d] ?? '',
    limit,
  ).map((d) => {
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
