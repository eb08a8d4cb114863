/**
 * Streams a FHIR Bundle entry by entry: only one resource is stringified at a time, so a national
 * export file never exists as one object or one string in memory.
 */
import type { BodySink } from './http-util'

/** Buffer small entries into ~64 KiB writes to keep per-write overhead low. */
const FLUSH_AT = 64 * 1024

export type SearchMode = 'match' | 'include'

/** The only parts of a resource the writer reads. */
export interface BundleResource {
  resourceType: string
  id?: string
}

export class BundleWriter {
  private buffer = ''
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
    this.buffer = JSON.stringify(head).slice(0, -1)
    this.hasProperties = this.buffer.length > 1
  }

  get matchCount(): number {
    return this.matches
  }

  async add(resource: BundleResource, mode: SearchMode): Promise<void> {
    const entry = {
      fullUrl: `${this.fhirBase}/${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      search: { mode },
    }
    if (mode === 'match') this.matches += 1
    const opening = this.hasProperties ? ',"entry":[' : '"entry":['
    this.buffer += (this.entries > 0 ? ',' : opening) + JSON.stringify(entry)
    this.entries += 1
    if (this.buffer.length >= FLUSH_AT) await this.flush()
  }

  /** Closes the entry array, appends `tail` properties (e.g. a total known only at the end). */
  async finish(tail: Record<string, unknown> = {}): Promise<void> {
    if (this.entries > 0) {
      this.buffer += ']'
      this.hasProperties = true
    }
    const tailJson = JSON.stringify(tail)
    if (tailJson.length > 2) this.buffer += (this.hasProperties ? ',' : '') + tailJson.slice(1, -1)
    this.buffer += '}'
    await this.flush()
    await this.sink.end()
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return
    const chunk = this.buffer
    this.buffer = ''
    await this.sink.write(chunk)
  }
}
