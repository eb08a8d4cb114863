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
import type { SnapshotBuilder } from '../../core/snapshot/builder'
import { BundleParser, BundleSyntaxError, type BundleItem } from '../../core/sync/bundle-parser'
import { addFhirLine, addFhirText, stripBom } from '../../core/snapshot/fhir-text'
import { CliError } from './command'

/**
 * Above this size a file is not read whole (V8 strings stop near 512 MB): it is streamed, as
 * NDJSON when its first line is JSON, else as one Bundle (or resource).
 */
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
  return addFhirText(builder, text, name)
}

/**
 * A big JSON file, read as a Bundle entry by entry with the sync's parser
 * (core/sync/bundle-parser.ts), so it never sits in memory as one string. Damage is reported as
 * skipped items with its byte offset; what was read before it is kept.
 */
async function readBundleStream(
  path: string,
  name: string,
  builder: SnapshotBuilder,
): Promise<InputStats> {
  const reader = new StreamedObject(name, builder)
  // Non-object entries are passed on so they count as ignored entries, as when read whole.
  const parser = new BundleParser({ anyEntry: true })
  let first = true
  for await (const chunk of readChunks(path)) {
    // A UTF-8 byte-order mark becomes white space: byte offsets stay those of the file.
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk.fill(0x20, 0, 3)
    first = false
    let items: BundleItem[]
    try {
      items = parser.push(chunk)
    } catch (e) {
      if (!(e instanceof BundleSyntaxError)) throw e
      reader.take(parser.completed())
      reader.broken(
        `not a readable JSON Bundle or resource: ${e.message}`,
        'the rest was not read. A file too big to be read whole must be one JSON Bundle or ' +
          'resource, or NDJSON (one resource per line): repair it or convert it to NDJSON',
      )
      return reader.stats
    }
    reader.take(items)
  }
  try {
    parser.end()
  } catch (e) {
    if (!(e instanceof BundleSyntaxError)) throw e
    reader.broken(
      `truncated: ${e.message}`,
      'the download or export was probably interrupted: fetch or export the file again',
    )
    return reader.stats
  }
  reader.finish()
  return reader.stats
}

/** Hands a streamed top-level object's items to the builder. */
class StreamedObject {
  readonly stats: InputStats
  /** Top-level properties other than `entry` (a single resource is rebuilt from them). */
  private readonly fields: Record<string, unknown> = {}
  /** `entry` elements of a top-level object that is not a Bundle (e.g. a List). */
  private ownEntries: unknown[] | undefined
  private entries = 0

  constructor(
    private readonly name: string,
    private readonly builder: SnapshotBuilder,
  ) {
    this.stats = { file: name, format: 'bundle-stream', items: 0, badJson: 0 }
  }

  take(items: BundleItem[]): void {
    for (const item of items) {
      if (item.kind === 'field') {
        this.fields[item.name] = item.value
        if (item.name === 'resourceType' && item.value !== 'Bundle') this.ownEntries = []
      } else this.entry(item.text, item.at)
    }
  }

  private entry(text: string, at: number): void {
    const source = `${this.name}#entry[${this.entries++}]`
    let entry: unknown
    try {
      entry = JSON.parse(text)
    } catch (e) {
      this.stats.badJson++
      const message = `not valid JSON (entry at byte ${at}): ${(e as Error).message}`
      this.builder.skip({ resourceType: '?', element: 'Bundle.entry', message, source })
      return
    }
    if (this.ownEntries) return void this.ownEntries.push(entry)
    this.stats.items++
    this.builder.addEntry(entry, source)
  }

  /**
   * A document that is not a Bundle is one resource: added whole, as when read whole. Entries
   * with no `resourceType` seen before them were already taken as a Bundle's.
   */
  finish(): void {
    const type = this.fields.resourceType
    if (type === 'Bundle' || (type === undefined && this.entries > 0)) return
    if (this.ownEntries?.length) this.fields.entry = this.ownEntries
    this.stats.items++
    this.builder.add(this.fields, this.name)
  }

  /** Reports damage to the file: `problem` (what, where), then `next` (what now). */
  broken(problem: string, next: string): void {
    this.stats.badJson++
    const n = this.entries
    const kept = `${n} ${n === 1 ? 'entry' : 'entries'} before it ${n === 1 ? 'was' : 'were'} kept`
    this.builder.skip({
      resourceType: '?',
      element: '(input)',
      message: `${problem}; ${kept}; ${next}.`,
      source: this.name,
    })
  }
}

/** The file's bytes; a read failure becomes a CliError. */
async function* readChunks(path: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(path)) yield chunk as Buffer
  } catch (e) {
    throw unreadable(path, e)
  }
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
      addFhirLine(builder, line, name, lineNo, stats)
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
