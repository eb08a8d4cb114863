/**
 * Streams a FHIR Bundle entry by entry: only one resource is stringified at a time, so a national
 * export file never exists as one object or one string in memory. Entries may come already
 * serialised (`addJson`); they are encoded into UTF-8 chunks as they come (see `put`).
 */
import type { BodySink } from './http-util'

/** Entries are gathered into ~64 KiB writes to keep per-write overhead low. */
const CHUNK_BYTES = 64 * 1024

export type SearchMode = 'match' | 'include'

/** The only parts of a resource the writer reads. */
export interface BundleResource {
  resourceType: string
  id?: string
}

export class BundleWriter {
  /** The chunk being filled, `used` bytes so far, and the chunks full and not written yet. */
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES)
  private used = 0
  private full: Uint8Array[] = []
  private entries = 0
  private matches = 0
  private hasProperties: boolean

  /**
   * @param head the Bundle's leading properties (resourceType, type, total, link…); `entry`
   *   is appended after them and `tail` properties after the entries.
   */
  constructor(
    private readonly sink: BodySink,
    head: Record<string, unknown>,
    private readonly fhirBase: string,
  ) {
    // The head without its closing brace; `entry` is opened at the first entry only, because
    // FHIR forbids empty arrays (a Bundle with no match has no `entry` at all).
    const opening = JSON.stringify(head).slice(0, -1)
    this.hasProperties = opening.length > 1
    this.put(opening)
  }

  get matchCount(): number {
    return this.matches
  }

  add(resource: BundleResource, mode: SearchMode): Promise<void> {
    return this.addJson(resource.resourceType, resource.id ?? '', JSON.stringify(resource), mode)
  }

  /**
   * Adds an entry whose resource is already serialised (JSON text or its UTF-8 bytes): the same
   * bytes as `JSON.stringify({ fullUrl, resource, search: { mode } })`.
   */
  async addJson(
    type: string,
    id: string,
    json: string | Uint8Array,
    mode: SearchMode,
  ): Promise<void> {
    this.append(type, id, json, mode)
    await this.writeFull()
  }

  /**
   * {@link addJson} without writing: the bytes wait (outside the JS heap) for the next
   * `addJson`, `drain` or `finish`. For entries produced by synchronous code.
   */
  append(type: string, id: string, json: string | Uint8Array, mode: SearchMode): void {
    if (mode === 'match') this.matches += 1
    const opening = this.entries > 0 ? ',' : this.hasProperties ? ',"entry":[' : '"entry":['
    const fullUrl = JSON.stringify(`${this.fhirBase}/${type}/${id}`)
    this.put(`${opening}{"fullUrl":${fullUrl},"resource":`)
    this.put(json)
    this.put(`,"search":{"mode":"${mode}"}}`)
    this.entries += 1
  }

  /** Writes what `append` gathered (the chunk being filled excepted). */
  drain(): Promise<void> {
    return this.writeFull()
  }

  /** Closes the entry array, appends `tail` properties (e.g. a total known only at the end). */
  async finish(tail: Record<string, unknown> = {}): Promise<void> {
    if (this.entries > 0) {
      this.put(']')
      this.hasProperties = true
    }
    const tailJson = JSON.stringify(tail)
    if (tailJson.length > 2) this.put((this.hasProperties ? ',' : '') + tailJson.slice(1, -1))
    this.put('}')
    this.full.push(this.chunk.subarray(0, this.used))
    this.used = 0
    await this.writeFull()
    await this.sink.end()
  }

  /**
   * Appends a piece to the chunks, text encoded as UTF-8. A piece that does not fit starts a
   * new chunk; bytes of a chunk's size or more are written as they are. Encoding each piece
   * once into bytes is cheaper than handing strings to the HTTP layer, which measures then
   * encodes every string chunk.
   */
  private put(piece: string | Uint8Array): void {
    const size = typeof piece === 'string' ? Buffer.byteLength(piece, 'utf8') : piece.length
    if (this.used + size > this.chunk.length) {
      // The bytes handed over belong to the sink now: the next ones go to a new chunk.
      this.full.push(this.chunk.subarray(0, this.used))
      this.used = 0
      const large = typeof piece !== 'string' && size >= CHUNK_BYTES
      this.chunk = Buffer.allocUnsafe(large ? CHUNK_BYTES : Math.max(CHUNK_BYTES, size))
      if (large) {
        this.full.push(piece)
        return
      }
    }
    if (typeof piece === 'string') this.used += this.chunk.write(piece, this.used, 'utf8')
    else {
      this.chunk.set(piece, this.used)
      this.used += size
    }
  }

  private async writeFull(): Promise<void> {
    if (this.full.length === 0) return
    const ready = this.full
    this.full = []
    for (const bytes of ready) if (bytes.length > 0) await this.sink.write(bytes)
  }
}
