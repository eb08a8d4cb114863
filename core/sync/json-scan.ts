/**
 * Byte-level scanning of JSON structure for the Bundle parser (bundle-parser.ts): where a value
 * ends, across chunks. UTF-8 continuation bytes are all ≥ 0x80, so scanning bytes for ASCII
 * structure is safe.
 */

export const QUOTE = 0x22
export const BACKSLASH = 0x5c
export const COLON = 0x3a
export const COMMA = 0x2c
export const OPEN_OBJECT = 0x7b
export const CLOSE_OBJECT = 0x7d
export const OPEN_ARRAY = 0x5b
export const CLOSE_ARRAY = 0x5d

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

/** Finds where a string, object or array value ends, possibly over several chunks. */
export class ValueScanner {
  private depth = 0
  private inString = false
  /** Backslashes just before the current position (string escapes across chunks). */
  private backslashes = 0

  /** Before the first byte of a new value. */
  reset(): void {
    this.depth = 0
    this.inString = false
    this.backslashes = 0
  }

  /**
   * Scans one JSON value from `i` (continuing a scan started in an earlier chunk); returns the
   * index just after it, or -1 when the chunk ends first. Inside strings it jumps from quote
   * to quote with `indexOf`, which is where most of the bytes are.
   */
  scan(b: Uint8Array, i: number): number {
    const n = b.length
    while (i < n) {
      if (this.inString) {
        const q = b.indexOf(QUOTE, i)
        if (q < 0) {
          this.backslashes = trailingBackslashes(b, n, i, this.backslashes)
          return -1
        }
        const run = trailingBackslashes(b, q, i, this.backslashes)
        this.backslashes = 0
        i = q + 1
        if (run % 2 === 1) continue // an escaped quote
        this.inString = false
        if (this.depth === 0) return i // a key or a string value ends here
        continue
      }
      const c = b[i]!
      i += 1
      if (c === QUOTE) {
        this.inString = true
        this.backslashes = 0
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        this.depth += 1
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth -= 1
        if (this.depth === 0) return i
      }
    }
    return -1
  }
}

/** A bare literal ends before `,` `}` `]` or white space (not consumed); -1 if not yet. */
export function scanLiteral(b: Uint8Array, i: number): number {
  for (; i < b.length; i++) {
    const c = b[i]!
    if (c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || isSpace(c)) return i
  }
  return -1
}

/** Backslashes immediately before `end` (down to `from`), plus `carried` if the run reaches `from`. */
function trailingBackslashes(b: Uint8Array, end: number, from: number, carried: number): number {
  let k = end - 1
  while (k >= from && b[k] === BACKSLASH) k--
  const run = end - 1 - k
  return k < from ? run + carried : run
}
