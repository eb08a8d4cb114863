/**
 * Where a Bundle entry ends, guessed from the layout of the entries before it: servers write
 * every entry the same way (`{"fullUrl":…}` one after the other, no white space), so the bytes
 * `},{"fullUrl":` mark the end of one entry and the start of the next. Finding them costs a
 * fraction of scanning the entry's structure byte by byte (~25 ms against ~110 ms for an 82 MB
 * export file), which was a fifth of a sync worker's time per file.
 *
 * A guess is only a guess: the caller checks it with `JSON.parse` of the guessed text, which
 * succeeds only if the text is exactly one JSON value — and a proper prefix of a JSON object is
 * never a whole JSON value, nor is an object followed by more. So a successful parse *is* the
 * entry; anything else (the pattern inside a string or a nested object, another layout) falls
 * back to the byte scan.
 */

const CLOSE_OBJECT = 0x7d
const COMMA = 0x2c
const COLON = 0x3a
/** An entry start longer than this before its first `:` is not learnt. */
const MAX_PREFIX = 32

export class EntryLayout {
  /** `},` then the first bytes of an entry, up to its first `:`. */
  private readonly pattern: Uint8Array
  /** Index in `pattern` of its rarest byte, which the search looks for first. */
  private readonly anchor: number

  private constructor(pattern: Uint8Array, anchor: number) {
    this.pattern = pattern
    this.anchor = anchor
  }

  /**
   * Learns the layout from one whole entry's bytes (from its `{` to its `}`); undefined when it
   * has no short first key to recognise the next entries by.
   */
  static learn(entry: Uint8Array): EntryLayout | undefined {
    const colon = entry.subarray(0, MAX_PREFIX).indexOf(COLON)
    if (colon < 2) return undefined
    const pattern = new Uint8Array(colon + 3)
    pattern[0] = CLOSE_OBJECT
    pattern[1] = COMMA
    pattern.set(entry.subarray(0, colon + 1), 2)
    // How often each byte of the pattern occurs in a real entry: the search jumps from one
    // occurrence of the rarest to the next (e.g. the `U` of `fullUrl`, a few per entry).
    const counts = new Uint32Array(256)
    for (const byte of entry) counts[byte]! += 1
    let anchor = 0
    for (let k = 1; k < pattern.length; k++) {
      if (counts[pattern[k]!]! <= counts[pattern[anchor]!]!) anchor = k
    }
    return new EntryLayout(pattern, anchor)
  }

  /**
   * The guessed end (index just after the closing `}`) of the entry starting at `b[start]`,
   * when the next entry starts after it in `b`; -1 when the pattern is not in `b`.
   */
  guessEnd(b: Uint8Array, start: number): number {
    const { pattern, anchor } = this
    const byte = pattern[anchor]!
    const last = b.length - pattern.length
    for (let k = start + 1 + anchor; ; k++) {
      k = b.indexOf(byte, k)
      const at = k - anchor
      if (k < 0 || at > last) return -1
      if (matchesAt(b, at, pattern)) return at + 1
    }
  }
}

function matchesAt(b: Uint8Array, at: number, pattern: Uint8Array): boolean {
  for (let k = 0; k < pattern.length; k++) if (b[at + k] !== pattern[k]) return false
  return true
}
