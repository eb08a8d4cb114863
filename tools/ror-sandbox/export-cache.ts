/**
 * Disk cache of `$export` output files. Rendering a national export (materialise, apply the
 * access policy, resolve the linked resources, stringify: 6.2 GB) costs the sandbox ~110 s of
 * CPU — a core the client under test needs. Each output file is rendered once, for one profile
 * and one slice of offers, to a file under the cache folder; later downloads stream it from
 * disk. A real ROR prepares its bulk files in the background the same way (the poll phase).
 *
 * What a file depends on is all in its key: the sandbox and generator sources and the access
 * policy (`sourceFingerprint`), the generated data (a digest of the store), the store's mutation
 * generation (with a per-process nonce once mutated: mutations are not reproducible across
 * processes), the profile and the ids of the slice. The FHIR base of `fullUrl` depends on the
 * request's host: it is left out of the stored bytes, which record where to insert it.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, readdirSync, readFileSync, rmSync } from 'node:fs'
import { mkdir, open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { AccessProfile } from '../../core/snapshot/records'
import type { GeneratedStore } from '../generate/store-types'
import type { BundleResource, SearchMode } from './bundle-writer'
import type { BodySink } from './http-util'

/** A rendered output file: its entries (base left out) and where the base goes. */
export interface CachedExport {
  entriesPath: string
  /** Entries in the file (0: the Bundle has no `entry`). */
  entries: number
  matches: number
  /** Byte offsets in the entries file where the FHIR base is inserted (ascending). */
  baseOffsets: number[]
}

/** Writes entries as BundleWriter would, without the base, to a file. */
export class CachedExportWriter {
  private buffer: Buffer[] = []
  private size = 0
  private written = 0
  private entries = 0
  private matches = 0
  private readonly offsets: number[] = []

  constructor(private readonly fh: FileHandle) {}

  async add(resource: BundleResource, mode: SearchMode): Promise<void> {
    if (mode === 'match') this.matches += 1
    // Same bytes as JSON.stringify({ fullUrl, resource, search }) in BundleWriter.
    const head = `${this.entries > 0 ? ',' : ''}{"fullUrl":"`
    const rest =
      JSON.stringify(`/${resource.resourceType}/${resource.id ?? ''}`).slice(1) +
      `,"resource":${JSON.stringify(resource)},"search":{"mode":"${mode}"}}`
    const headBytes = Buffer.from(head)
    this.offsets.push(this.written + this.size + headBytes.length)
    this.push(headBytes)
    this.push(Buffer.from(rest))
    this.entries += 1
    if (this.size >= 1 << 20) await this.flush()
  }

  private push(b: Buffer): void {
    this.buffer.push(b)
    this.size += b.length
  }

  private async flush(): Promise<void> {
    if (this.size === 0) return
    const all = Buffer.concat(this.buffer)
    this.buffer = []
    this.size = 0
    await this.fh.write(all)
    this.written += all.length
  }

  async finish(): Promise<Omit<CachedExport, 'entriesPath'>> {
    await this.flush()
    return { entries: this.entries, matches: this.matches, baseOffsets: this.offsets }
  }
}

/** Sources whose change changes what an export file holds. */
const EXPORT_SOURCES = ['core/ror', 'tools/generate', 'tools/ror-sandbox']

/** A digest of the (non-test) TypeScript sources of `dirs`, relative to the repository. */
export function sourceFingerprint(dirs: readonly string[] = EXPORT_SOURCES): string {
  const root = resolve(import.meta.dirname, '../..')
  const hash = createHash('sha256')
  for (const dir of dirs) {
    const files = readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .sort()
    for (const f of files) hash.update(f).update(readFileSync(join(root, dir, f)))
  }
  return hash.digest('hex').slice(0, 16)
}

/**
 * Removes the files rendered by other versions of the code (~6 GB per profile for a national
 * export); those of other data sets (scales, seeds) rendered by this code stay.
 */
function pruneStale(root: string, sources: string): void {
  let names: string[]
  try {
    names = readdirSync(root)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(`${sources}-`)) rmSync(join(root, name), { recursive: true, force: true })
  }
}

/** A digest of the generated data: counts and the first and last resources of each type. */
export function storeDigest(store: GeneratedStore): string {
  const hash = createHash('sha256').update(JSON.stringify([store.scale, store.seed]))
  for (const type of ['HealthcareService', 'Location', 'Organization'] as const) {
    const ids = store.ids(type)
    hash.update(`${type}:${ids.length}`)
    for (const id of [ids[0], ids.at(-1)]) {
      if (id !== undefined) hash.update(JSON.stringify(store.get(type, id) ?? null))
    }
  }
  return hash.digest('hex').slice(0, 16)
}

export class ExportCache {
  private generation = 0
  private readonly nonce = randomUUID().slice(0, 8)
  /** Files of this code and this data live in `<root>/<sources>-<data>/`. */
  private readonly dir: string
  private readonly rendering = new Map<string, Promise<CachedExport>>()

  constructor(root: string, store: GeneratedStore) {
    const sources = sourceFingerprint()
    this.dir = join(root, `${sources}-${storeDigest(store)}`)
    pruneStale(root, sources)
  }

  /** The store changed: files rendered before no longer apply. */
  mutated(): void {
    this.generation += 1
  }

  private get folder(): string {
    // Mutated data only lives in this process: its files go to a folder removed on close.
    return this.generation === 0 ? this.dir : join(this.dir, `run-${this.nonce}`)
  }

  keyOf(profile: AccessProfile, offerIds: readonly string[]): string {
    const hash = createHash('sha256').update(`g${this.generation}|p${profile}`)
    for (const id of offerIds) hash.update(`${id}\n`)
    return hash.digest('hex').slice(0, 32)
  }

  /** The cached file for `key`, rendering it (once, even when asked concurrently) if needed. */
  async get(
    key: string,
    render: (writer: CachedExportWriter) => Promise<void>,
  ): Promise<CachedExport> {
    let pending = this.rendering.get(key)
    if (!pending) {
      pending = this.load(key).then((hit) => hit ?? this.render(key, render))
      this.rendering.set(key, pending)
      pending.catch(() => this.rendering.delete(key))
    }
    return pending
  }

  private async load(key: string): Promise<CachedExport | undefined> {
    const entriesPath = join(this.folder, `${key}.entries`)
    try {
      const meta = JSON.parse(await readFile(join(this.folder, `${key}.meta.json`), 'utf8'))
      return { ...(meta as Omit<CachedExport, 'entriesPath'>), entriesPath }
    } catch {
      return undefined
    }
  }

  private async render(
    key: string,
    render: (writer: CachedExportWriter) => Promise<void>,
  ): Promise<CachedExport> {
    await mkdir(this.folder, { recursive: true })
    const entriesPath = join(this.folder, `${key}.entries`)
    const tmp = `${entriesPath}.${this.nonce}.tmp`
    const fh = await open(tmp, 'w')
    try {
      const writer = new CachedExportWriter(fh)
      await render(writer)
      const meta = await writer.finish()
      await fh.close()
      await rename(tmp, entriesPath)
      // The meta file, written last, marks the entry as complete.
      const metaTmp = join(this.folder, `${key}.meta.json.${this.nonce}.tmp`)
      const mh = await open(metaTmp, 'w')
      await mh.writeFile(JSON.stringify(meta))
      await mh.close()
      await rename(metaTmp, join(this.folder, `${key}.meta.json`))
      return { ...meta, entriesPath }
    } catch (error) {
      await fh.close().catch(() => undefined)
      await rm(tmp, { force: true })
      throw error
    }
  }

  /** Removes what only this process can use. */
  async close(): Promise<void> {
    await rm(join(this.dir, `run-${this.nonce}`), { recursive: true, force: true })
  }
}

/**
 * Streams a cached file as the Bundle BundleWriter would have written: `head` properties,
 * the entries with `fhirBase` inserted, then `tail` properties.
 */
export async function streamCachedExport(
  file: CachedExport,
  open: (contentLength: number) => BodySink,
  head: Record<string, unknown>,
  tail: Record<string, unknown>,
  fhirBase: string,
): Promise<void> {
  const headJson = JSON.stringify(head).slice(0, -1)
  const hasHead = headJson.length > 1
  const tailJson = JSON.stringify(tail).slice(1, -1)
  if (file.entries === 0) {
    const sep = hasHead && tailJson !== '' ? ',' : ''
    const whole = Buffer.from(`${headJson}${sep}${tailJson}}`)
    const sink = open(whole.length)
    await sink.write(whole)
    await sink.end()
    return
  }
  const opening = Buffer.from(`${headJson}${hasHead ? ',' : ''}"entry":[`)
  const closing = Buffer.from(`]${tailJson === '' ? '' : `,${tailJson}`}}`)
  const base = Buffer.from(JSON.stringify(fhirBase).slice(1, -1))
  // The length is known: a client can receive the file into one buffer of the right size.
  const { size } = await stat(file.entriesPath)
  const sink = open(opening.length + size + base.length * file.baseOffsets.length + closing.length)
  await sink.write(opening)
  const offsets = file.baseOffsets
  let next = 0
  let at = 0
  for await (const chunk of createReadStream(file.entriesPath, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer
    const end = at + bytes.length
    const parts: Buffer[] = []
    let from = 0
    while (next < offsets.length && offsets[next]! < end) {
      const cut = offsets[next]! - at
      parts.push(bytes.subarray(from, cut), base)
      from = cut
      next += 1
    }
    parts.push(bytes.subarray(from))
    at = end
    await sink.write(parts.length === 1 ? bytes : Buffer.concat(parts))
  }
  await sink.write(closing)
  await sink.end()
}
