/**
 * Reads FHIR input files for `import`: a single resource, a Bundle of any type (searchset,
 * $export output…), a JSON array of resources, or NDJSON (one resource per line, streamed line
 * by line). Content problems (bad JSON, invalid resources) are reported to the builder as
 * skipped items; only an unreadable file is an error.
 */
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { createInterface } from 'node:readline'
import { BundleEntryScanner } from '../../core/ror/bundle-stream'
import type { SnapshotBuilder } from '../../core/snapshot/builder'
import { CliError } from './command'

/** Above this size a file is not read whole (V8 strings stop near 512 MB): NDJSON only. */
const WHOLE_FILE_LIMIT = 400 * 1024 * 1024

export interface InputStats {
  file: string
  format: 'json' | 'ndjson' | 'bundle-stream'
  /** JSON values handed to the builder (resources, Bundles, arrays count their items). */
  items: number
  /** Lines or documents that were not valid JSON. */
  badJson: number
}

/**
 * Reads one input file into the builder. Throws CliError when the file cannot be read.
 * `wholeFileLimit` (bytes) is the size above which a JSON file is streamed entry by entry.
 */
export async function readFhirInput(
  path: string,
  builder: SnapshotBuilder,
  wholeFileLimit = WHOLE_FILE_LIMIT,
): Promise<InputStats> {
  const size = await fileSize(path)
  const name = basename(path)
  if (/\.(ndjson|jsonl)$/i.test(path)) return readNdjson(path, name, builder)
  if (size > wholeFileLimit) {
    return (await firstLineIsJson(path))
      ? readNdjson(path, name, builder)
      : readBundleStream(path, name, builder)
  }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    throw unreadable(path, e)
  }
  const stats: InputStats = { file: name, format: 'json', items: 0, badJson: 0 }
  let value: unknown
  try {
    value = JSON.parse(stripBom(text))
  } catch (e) {
    // Not one JSON document: maybe NDJSON with a .json name.
    if (looksLikeNdjson(text)) return readNdjson(path, name, builder)
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

/** A big Bundle, read entry by entry (core/ror/bundle-stream.ts). */
async function readBundleStream(
  path: string,
  name: string,
  builder: SnapshotBuilder,
): Promise<InputStats> {
  const stats: InputStats = { file: name, format: 'bundle-stream', items: 0, badJson: 0 }
  const scanner = new BundleEntryScanner((text) => {
    const source = `${name}#entry[${scanner.entries - 1}]`
    let entry: unknown
    try {
      entry = JSON.parse(text)
    } catch (e) {
      stats.badJson++
      builder.skip({
        resourceType: '?',
        element: 'Bundle.entry',
        message: `not valid JSON: ${(e as Error).message}`,
        source,
      })
      return
    }
    stats.items++
    builder.addEntry(entry, source)
  })
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8' }))
      scanner.push(chunk as string)
  } catch (e) {
    throw unreadable(path, e)
  }
  try {
    scanner.end()
  } catch (e) {
    stats.badJson++
    builder.skip({
      resourceType: '?',
      element: '(input)',
      message: (e as Error).message,
      source: name,
    })
  }
  return stats
}

async function firstLineIsJson(path: string): Promise<boolean> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8', end: 16 * 1024 * 1024 }),
  })
  try {
    for await (const line of lines) {
      try {
        JSON.parse(stripBom(line))
        return true
      } catch {
        return false
      }
    }
    return false
  } finally {
    lines.close()
  }
}

async function readNdjson(
  path: string,
  name: string,
  builder: SnapshotBuilder,
): Promise<InputStats> {
  const stats: InputStats = { file: name, format: 'ndjson', items: 0, badJson: 0 }
  const stream = createReadStream(path, { encoding: 'utf8' })
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  let lineNo = 0
  try {
    for await (const line of lines) {
      lineNo++
      const trimmed = lineNo === 1 ? stripBom(line).trim() : line.trim()
      if (trimmed === '') continue
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
        continue
      }
      stats.items++
      builder.add(value, `${name}:${lineNo}`)
    }
  } catch (e) {
    throw unreadable(path, e)
  }
  return stats
}

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path)
    if (!s.isFile()) throw new CliError(`Cannot read input "${path}": not a regular file.`)
    return s.size
  } catch (e) {
    if (e instanceof CliError) throw e
    throw unreadable(path, e)
  }
}

function unreadable(path: string, e: unknown): CliError {
  const code = (e as NodeJS.ErrnoException).code
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : (e as Error).message
  return new CliError(`Cannot read input "${path}": ${why}. Nothing was written.`)
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s
}

/** Two or more lines that each start a JSON object: NDJSON. */
function looksLikeNdjson(text: string): boolean {
  const lines = text.split('\n', 3).map((l) => l.trim())
  return lines.length >= 2 && lines[0]!.startsWith('{') && lines[1]!.startsWith('{')
}
