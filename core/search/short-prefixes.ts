/**
 * One- and two-character prefix lists (like FTS5's `prefix='1 2'`): for each prefix of one or
 * two characters, the documents having a token that starts with it, once each and ascending.
 * The first keystrokes of a search box match most documents; through these lists they cost
 * one pass over a deduplicated list instead of the union of thousands of token postings.
 */
import { type Csr } from './csr'

const ALPHABET = 36 // folded tokens only contain [0-9a-z]
/** Number of list ids: 0 unused, 1…36 one character, 37… two characters. */
export const SHORT_PREFIX_IDS = 1 + ALPHABET + ALPHABET * ALPHABET

function digit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 97 && code <= 122) return code - 97 + 10
  return -1
}

/** List id of a one- or two-character prefix, or -1 when it has no list. */
export function shortPrefixId(prefix: string): number {
  const a = digit(prefix.charCodeAt(0))
  if (prefix.length === 1) return a < 0 ? -1 : 1 + a
  const b = digit(prefix.charCodeAt(1))
  if (prefix.length !== 2 || a < 0 || b < 0) return -1
  return 1 + ALPHABET + a * ALPHABET + b
}

/**
 * Builds the lists from the documents' sorted token ids. Tokens being sorted, the tokens of
 * a document sharing a prefix are adjacent, so duplicates are skipped by comparing with the
 * previous token's prefix.
 */
export function buildShortPrefixes(tokens: readonly string[], docTokens: Csr): Csr {
  const one = Uint16Array.from(tokens, (t) => Math.max(0, shortPrefixId(t.slice(0, 1))))
  const two = Uint16Array.from(tokens, (t) =>
    t.length < 2 ? 0 : Math.max(0, shortPrefixId(t.slice(0, 2))),
  )
  const docs = docTokens.offsets.length - 1
  const visit = (emit: (list: number, doc: number) => void): void => {
    for (let d = 0; d < docs; d++) {
      let last1 = 0
      let last2 = 0
      for (let k = docTokens.offsets[d] ?? 0; k < (docTokens.offsets[d + 1] ?? 0); k++) {
        const t = docTokens.values[k] ?? 0
        const p1 = one[t] ?? 0
        const p2 = two[t] ?? 0
        if (p1 !== 0 && p1 !== last1) emit((last1 = p1), d)
        if (p2 !== 0 && p2 !== last2) emit((last2 = p2), d)
      }
    }
  }
  const offsets = new Uint32Array(SHORT_PREFIX_IDS + 1)
  visit((list) => (offsets[list + 1] = (offsets[list + 1] ?? 0) + 1))
  for (let l = 0; l < SHORT_PREFIX_IDS; l++)
    offsets[l + 1] = (offsets[l + 1] ?? 0) + (offsets[l] ?? 0)
  const cursor = offsets.slice(0, SHORT_PREFIX_IDS)
  const values = new Uint32Array(offsets[SHORT_PREFIX_IDS] ?? 0)
  visit((list, doc) => {
    const at = cursor[list] ?? 0
    values[at] = doc
    cursor[list] = at + 1
  })
  return { offsets, values }
}
