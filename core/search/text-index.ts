/**
 * Prefix text index over folded French tokens (core/geo/fold.ts): « st etienne » finds
 * « Saint-Étienne », « hopital » finds « Hôpital ». Tokens are kept sorted, so the tokens
 * starting with a prefix form one contiguous id range found by binary search, and the number
 * of postings behind a prefix is `offsets[hi] - offsets[lo]` — which lets the engine pick the
 * most selective query token without touching a posting.
 *
 * Matching rule (issue « Text »): every query token must be a prefix of at least one token of
 * the document (AND across query tokens).
 */
import { foldChars, isExpandedAbbreviation, tokenize } from '../geo/fold'
import { type Csr, Dictionary, sortUnique } from './csr'
import { buildShortPrefixes, shortPrefixId } from './short-prefixes'

export interface TextIndex {
  /** Distinct folded tokens, sorted by code unit; a token's id is its position here. */
  readonly tokens: readonly string[]
  /** Token id → documents containing it, ascending. */
  readonly postings: Csr
  /** Document → its token ids, ascending. */
  readonly docTokens: Csr
  /** One- and two-character prefix → documents (short-prefixes.ts). */
  readonly short: Csr
}

/** One query token: the token-id ranges `[lo, hi)` it may match, and their posting count. */
export interface TokenMatcher {
  /** Pairs `lo, hi` of token-id ranges (one, or two for an abbreviation such as « st »). */
  readonly ranges: readonly number[]
  /** How documents are enumerated: short-prefix lists, and token ranges for longer prefixes. */
  readonly lists: readonly number[]
  readonly listRanges: readonly number[]
  /** Number of documents enumerated (counted with repetition). */
  readonly cost: number
}

/**
 * Memoised {@link tokenize}: structure names, cities and labels are shared by many documents
 * and by several indexes (offers, structures); each distinct string is folded once.
 */
export class TokenMemo {
  private readonly memo = new Map<string, readonly string[]>()

  of(text: string): readonly string[] {
    let tokens = this.memo.get(text)
    if (tokens === undefined) {
      tokens = tokenize(text)
      this.memo.set(text, tokens)
    }
    return tokens
  }
}

/**
 * Accumulates documents in order (0, 1, 2…) then sorts the vocabulary once. Shared strings
 * (a structure name repeated on 40 offers) are tokenised once through {@link tokenIds}.
 */
export class TextIndexBuilder {
  private readonly dict = new Dictionary()
  private readonly cache = new Map<string, readonly number[]>()
  private flat = new Uint32Array(1 << 16)
  private used = 0
  private readonly docOffsets: number[] = [0]
  private readonly scratch: number[] = []

  constructor(private readonly folding = new TokenMemo()) {}

  /** Provisional token ids of `text` (memoised per distinct string). */
  tokenIds(text: string | undefined): readonly number[] {
    if (text === undefined || text === '') return []
    let ids = this.cache.get(text)
    if (ids === undefined) {
      ids = this.folding.of(text).map((t) => this.dict.intern(t))
      this.cache.set(text, ids)
    }
    return ids
  }

  /** Provisional ids of tokens already folded by the caller (no memo: usually unique text). */
  internTokens(tokens: readonly string[]): readonly number[] {
    return tokens.map((t) => this.dict.intern(t))
  }

  /** Adds token ids to the document being built (see {@link endDoc}). */
  add(ids: readonly number[]): void {
    for (const id of ids) this.scratch.push(id)
  }

  /** Closes the document being built: its tokens are the union of what was added. */
  endDoc(): void {
    const s = this.scratch
    const n = sortUnique(s)
    if (this.used + n > this.flat.length) {
      const grown = new Uint32Array(Math.max(this.flat.length * 2, this.used + n))
      grown.set(this.flat.subarray(0, this.used))
      this.flat = grown
    }
    for (let k = 0; k < n; k++) this.flat[this.used + k] = s[k] ?? 0
    this.used += n
    this.docOffsets.push(this.used)
    s.length = 0
  }

  /** Adds a whole document made of the union of the given token-id lists. */
  addDoc(parts: readonly (readonly number[])[]): void {
    for (const part of parts) this.add(part)
    this.endDoc()
  }

  /** Sorts the vocabulary, renumbers tokens in that order and builds the postings. */
  finish(): TextIndex {
    const provisional = this.dict.values
    const order = provisional.map((_, i) => i)
    order.sort((a, b) => {
      const ta = provisional[a] ?? ''
      const tb = provisional[b] ?? ''
      return ta < tb ? -1 : ta > tb ? 1 : 0
    })
    const remap = new Uint32Array(order.length)
    order.forEach((prov, final) => (remap[prov] = final))
    const values = this.flat.slice(0, this.used)
    for (let k = 0; k < values.length; k++) values[k] = remap[values[k] ?? 0] ?? 0
    const offsets = Uint32Array.from(this.docOffsets)
    for (let d = 0; d + 1 < offsets.length; d++) {
      values.subarray(offsets[d], offsets[d + 1]).sort()
    }
    const docTokens = { offsets, values }
    const tokens = order.map((prov) => provisional[prov] ?? '')
    return {
      tokens,
      docTokens,
      postings: transposeSorted(docTokens, tokens.length),
      short: buildShortPrefixes(tokens, docTokens),
    }
  }
}

/** Token → docs; docs come out ascending because rows are visited in order. */
function transposeSorted(docTokens: Csr, tokenCount: number): Csr {
  const offsets = new Uint32Array(tokenCount + 1)
  const { values } = docTokens
  for (let k = 0; k < values.length; k++) {
    const t = (values[k] ?? 0) + 1
    offsets[t] = (offsets[t] ?? 0) + 1
  }
  for (let t = 0; t < tokenCount; t++) offsets[t + 1] = (offsets[t + 1] ?? 0) + (offsets[t] ?? 0)
  const cursor = offsets.slice(0, tokenCount)
  const out = new Uint32Array(values.length)
  const docs = docTokens.offsets.length - 1
  for (let d = 0; d < docs; d++) {
    const end = docTokens.offsets[d + 1] ?? 0
    for (let k = docTokens.offsets[d] ?? 0; k < end; k++) {
      const t = values[k] ?? 0
      const at = cursor[t] ?? 0
      out[at] = d
      cursor[t] = at + 1
    }
  }
  return { offsets, values: out }
}

/** First index whose token is ≥ `key`. */
function lowerBound(tokens: readonly string[], key: string): number {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((tokens[mid] ?? '') < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Token-id range `[lo, hi)` of the tokens starting with `prefix`. */
export function prefixRange(tokens: readonly string[], prefix: string): [number, number] {
  // Folded tokens only contain [a-z0-9], so « prefix + U+FFFF » bounds every continuation.
  return [lowerBound(tokens, prefix), lowerBound(tokens, prefix + '\uffff')]
}

/**
 * The query tokens of `text`, folded like the documents. An abbreviation (« st », « ste »)
 * matches both its expansion (« saint… ») and its literal prefix (« strasbourg »), because
 * a user still typing « st » may mean either.
 */
export function queryTokens(text: string): string[][] {
  const raw = foldChars(text)
    .split(' ')
    .filter((t) => t !== '')
  return raw.map((t) => {
    const expanded = tokenize(t)[0] ?? t
    return isExpandedAbbreviation(t) && expanded !== t ? [expanded, t] : [t]
  })
}

/**
 * Prepares the matchers of a text query. Returns `undefined` when the text has no token (the
 * criterion is then absent) and an empty list is never returned: when some token matches no
 * indexed token at all, its matcher has cost 0 and no range, so nothing matches.
 */
export function textMatchers(index: TextIndex, text: string): TokenMatcher[] | undefined {
  const query = queryTokens(text)
  if (query.length === 0) return undefined
  const span = (csr: Csr, lo: number, hi: number) => (csr.offsets[hi] ?? 0) - (csr.offsets[lo] ?? 0)
  return query.map((alternatives) => {
    const ranges: number[] = []
    const lists: number[] = []
    const listRanges: number[] = []
    let cost = 0
    for (const alt of alternatives) {
      const [lo, hi] = prefixRange(index.tokens, alt)
      if (lo >= hi) continue
      ranges.push(lo, hi)
      const list = shortPrefixId(alt)
      if (list >= 0) {
        lists.push(list)
        cost += span(index.short, list, list + 1)
      } else {
        listRanges.push(lo, hi)
        cost += span(index.postings, lo, hi)
      }
    }
    return { ranges, lists, listRanges, cost }
  })
}

/** Whether document `doc` has a token in one of the matcher's ranges. */
export function docHasToken(index: TextIndex, doc: number, matcher: TokenMatcher): boolean {
  const { offsets, values } = index.docTokens
  const start = offsets[doc] ?? 0
  const end = offsets[doc + 1] ?? 0
  const r = matcher.ranges
  for (let k = 0; k < r.length; k += 2) {
    const lo = r[k] ?? 0
    const hi = r[k + 1] ?? 0
    // Token ids of a document are ascending: find the first ≥ lo, then compare with hi.
    let a = start
    let b = end
    while (a < b) {
      const mid = (a + b) >>> 1
      if ((values[mid] ?? 0) < lo) a = mid + 1
      else b = mid
    }
    if (a < end && (values[a] ?? 0) < hi) return true
  }
  return false
}

/** Whether document `doc` satisfies every matcher (AND) but `known`, already satisfied. */
export function docMatchesAll(
  index: TextIndex,
  doc: number,
  matchers: readonly TokenMatcher[],
  known?: TokenMatcher,
): boolean {
  for (const m of matchers) if (m !== known && !docHasToken(index, doc, m)) return false
  return true
}

/**
 * Calls `visit` for each document the matcher enumerates: every matching document at least
 * once (several times when it has several matching tokens or alternatives).
 */
export function forEachPosting(
  index: TextIndex,
  matcher: TokenMatcher,
  visit: (doc: number) => void,
): void {
  const walk = (csr: Csr, lo: number, hi: number) => {
    const end = csr.offsets[hi] ?? 0
    for (let p = csr.offsets[lo] ?? 0; p < end; p++) visit(csr.values[p] ?? 0)
  }
  for (const list of matcher.lists) walk(index.short, list, list + 1)
  const r = matcher.listRanges
  for (let k = 0; k < r.length; k += 2) walk(index.postings, r[k] ?? 0, r[k + 1] ?? 0)
}

/** The matcher with the fewest postings: the cheapest to enumerate candidates from. */
export function cheapestMatcher(matchers: readonly TokenMatcher[]): TokenMatcher | undefined {
  let best: TokenMatcher | undefined
  for (const m of matchers) if (best === undefined || m.cost < best.cost) best = m
  return best
}
