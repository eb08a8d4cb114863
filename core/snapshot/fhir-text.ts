/**
 * FHIR input held as text — a resource, a Bundle of any type ($export output, searchset…), a
 * JSON array of resources, or NDJSON (one resource per line, the `$export` format) — handed to
 * a {@link SnapshotBuilder}. Shared by `cli import` (files read whole) and the app's import of
 * raw `$export` files. Content problems are skipped items in the builder's summary, with the
 * file and line; they never stop the import.
 */
import type { SnapshotBuilder } from './builder'

export interface FhirTextStats {
  file: string
  format: 'json' | 'ndjson'
  /** JSON values handed to the builder (resources, Bundles, array items). */
  items: number
  /** Lines or documents that were not valid JSON. */
  badJson: number
}

/** Reads `text` (the content of file `name`) into the builder. */
export function addFhirText(builder: SnapshotBuilder, text: string, name: string): FhirTextStats {
  const body = stripBom(text)
  const stats: FhirTextStats = { file: name, format: 'json', items: 0, badJson: 0 }
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (e) {
    // Not one JSON document: NDJSON (also with a .json name).
    if (/\.(ndjson|jsonl)$/i.test(name) || looksLikeNdjson(body))
      return addNdjson(builder, body, name)
    stats.badJson++
    builder.skip({
      resourceType: '?',
      element: '(input)',
      message: `not valid JSON: ${(e as Error).message}`,
      source: name,
    })
    return stats
  }
  const values = Array.isArray(value) ? value : [value]
  for (const v of values) builder.add(v, name)
  stats.items = values.length
  return stats
}

/** One NDJSON line (`lineNo` from 1) into the builder; counts it in `stats`. */
export function addFhirLine(
  builder: SnapshotBuilder,
  line: string,
  name: string,
  lineNo: number,
  stats: { items: number; badJson: number },
): void {
  const trimmed = lineNo === 1 ? stripBom(line).trim() : line.trim()
  if (trimmed === '') return
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch (e) {
    stats.badJson++
    builder.skip({
      resourceType: '?',
      element: '(input)',
      message: `line is not valid JSON: ${(e as Error).message}`,
      source: `${name}:${lineNo}`,
    })
    return
  }
  stats.items++
  builder.add(value, `${name}:${lineNo}`)
}

function addNdjson(builder: SnapshotBuilder, text: string, name: string): FhirTextStats {
  const stats: FhirTextStats = { file: name, format: 'ndjson', items: 0, badJson: 0 }
  let start = 0
  for (let lineNo = 1; start <= text.length; lineNo++) {
    const end = text.indexOf('\n', start)
    const stop = end < 0 ? text.length : end
    addFhirLine(builder, text.slice(start, stop), name, lineNo, stats)
    start = stop + 1
  }
  return stats
}

export function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s
}

/** Two or more lines that each start a JSON object: NDJSON. */
export function looksLikeNdjson(text: string): boolean {
  const lines = text.split('\n', 3).map((l) => l.trim())
  return lines.length >= 2 && lines[0]!.startsWith('{') && lines[1]!.startsWith('{')
}
