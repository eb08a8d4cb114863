/**
 * Text columns of the sync facts (facts.ts): ids, codes and references, one value per row.
 * Written as lines — one row per line (each ended by a line feed), a list's items separated by
 * tabs, null as a lone U+0001 — because splitting text is several times faster than `JSON.parse` of the same array, and
 * reading the facts sits on a delta sync's path (1.6 M ids and 1.2 M references at national
 * scale: ~1.1 s as JSON). The values are FHIR ids and codes (no control characters: FHIR `id`
 * is [A-Za-z0-9-.], a `code` has no line breaks); a column holding anything else is written as
 * JSON instead, so every value still round-trips.
 */

/** How a text column is written: 'l' lines, 'j' a JSON array. */
export type TextEncoding = 'l' | 'j'

const NULL = '\u0001'

/** Occurrences of `char` in `text`. */
function countOf(text: string, char: string): number {
  let n = 0
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) n++
  return n
}

/**
 * The column as lines, or undefined when a value cannot be written so. Line feeds and tabs are
 * checked on the joined text (a value holding one shows as one too many), which costs less than
 * looking into every value: this runs on 2.8 M values at the end of each delta sync.
 */
function asLines(col: ArrayLike<unknown>, list: boolean): string | undefined {
  const values = Array.from(col)
  let nulls = false
  let tabs = 0
  for (const v of values) {
    if (v === null || v === undefined) nulls = true
    else if (!list) {
      if (typeof v !== 'string' || v === NULL) return undefined
    } else {
      // A list of one empty string (or one U+0001) would read back as an empty list (null).
      if (!Array.isArray(v) || (v.length === 1 && (v[0] === '' || v[0] === NULL))) return undefined
      for (const item of v as unknown[]) if (typeof item !== 'string') return undefined
      if (v.length > 1) tabs += v.length - 1
    }
  }
  const lines = list
    ? values.map((v) => (v === null || v === undefined ? NULL : (v as string[]).join('\t')))
    : nulls
      ? values.map((v) => (v === null || v === undefined ? NULL : v))
      : values
  // Every row ends its line, so a column of n rows is told from one of n - 1 plus an empty one.
  const text = lines.length === 0 ? '' : `${lines.join('\n')}\n`
  if (countOf(text, '\n') !== lines.length) return undefined
  if (list && countOf(text, '\t') !== tabs) return undefined
  return text
}

/** A text column → its text and how it is written. */
export function encodeTextColumn(
  col: ArrayLike<unknown>,
  list: boolean,
): { text: string; encoding: TextEncoding } {
  const text = asLines(col, list)
  return text === undefined
    ? { text: JSON.stringify(Array.from(col)), encoding: 'j' }
    : { text, encoding: 'l' }
}

/**
 * Text → the column's values (`n` rows), or null when the text does not hold `n` rows (a
 * damaged or foreign section: the caller reads the records instead). `pause` is awaited every
 * {@link ROWS_PER_TURN} rows, so that a host keeps serving its event loop meanwhile.
 */
export async function decodeTextColumn(
  text: string,
  encoding: TextEncoding,
  n: number,
  list: boolean,
  pause: () => Promise<void> = async () => undefined,
): Promise<unknown[] | null> {
  if (encoding === 'j') {
    const col: unknown = JSON.parse(text)
    return Array.isArray(col) && col.length === n ? col : null
  }
  if (encoding !== 'l') return null
  const lines: (string | string[] | null)[] = text.split('\n')
  if (lines.length !== n + 1 || lines.pop() !== '') return null
  for (let start = 0; start < n; start += ROWS_PER_TURN) {
    if (start > 0) await pause()
    const end = Math.min(n, start + ROWS_PER_TURN)
    for (let i = start; i < end; i++) {
      const line = lines[i] as string
      if (line === NULL) lines[i] = null
      else if (list) lines[i] = line === '' ? [] : line.split('\t')
    }
  }
  return lines
}

/** Rows converted between two pauses (~20 ms of work for a list column). */
export const ROWS_PER_TURN = 50_000
