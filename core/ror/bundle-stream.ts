/**
 * Streaming extraction of `Bundle.entry[]` from JSON text that arrives in pieces, so that a
 * large Bundle ($export output, notes §5.5: JSON Bundles, not NDJSON) never has to be held as
 * one string (V8 strings stop near 512 MB). Only the current entry is buffered; each entry's
 * text is handed over once complete, to be JSON.parse'd (which validates it).
 *
 * It follows the JSON structure (depth, strings, escapes) without validating the rest of the
 * document: structural damage shows up as an unparsable entry or as `end()` reporting an
 * unfinished document.
 */

const QUOTE = 34
const BACKSLASH = 92
const OPEN_OBJ = 123
const CLOSE_OBJ = 125
const OPEN_ARR = 91
const CLOSE_ARR = 93
const COLON = 58
const COMMA = 44

/** The text is not a complete JSON document. */
export class BundleStreamError extends Error {
  override name = 'BundleStreamError'
}

/** Push text in, get each `Bundle.entry[i]` text out (see the module comment). */
export class BundleEntryScanner {
  private depth = 0
  private inString = false
  private escaped = false
  /** Inside the top-level `entry` array (its elements are at depth 2). */
  private inEntries = false
  /** Text of the entry being read (pieces from successive chunks). */
  private entryParts: string[] | undefined
  /** Depth-1 key being read, and the last complete one. */
  private keyChars: string[] | undefined
  private lastKey = ''
  private expectKey = false
  private valueChars: string[] | undefined
  /** Top-level `resourceType`, when seen. */
  resourceType: string | undefined
  entries = 0

  constructor(private readonly onEntry: (entryText: string) => void) {}

  /** Feeds the next piece of text. */
  push(chunk: string): void {
    let entryStart = this.entryParts ? 0 : -1
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (this.inString) {
        this.stringChar(c, chunk, i)
        continue
      }
      if (c === QUOTE) {
        this.inString = true
        if (this.depth === 1) this.startDepth1String()
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        if (this.depth === 1 && c === OPEN_ARR && this.lastKey === 'entry') this.inEntries = true
        if (this.depth === 2 && this.inEntries && c === OPEN_OBJ) {
          this.entryParts = []
          entryStart = i
        }
        this.depth++
        if (this.depth === 1) this.expectKey = true
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        this.depth--
        if (this.depth < 0)
          throw new BundleStreamError('unbalanced JSON: more closing than opening brackets')
        if (this.depth === 2 && this.entryParts && c === CLOSE_OBJ) {
          this.entryParts.push(chunk.slice(entryStart, i + 1))
          this.emit()
          entryStart = -1
        } else if (this.depth === 1 && this.inEntries) this.inEntries = false
      } else if (this.depth === 1 && (c === COMMA || c === COLON)) {
        this.expectKey = c === COMMA
      }
    }
    if (this.entryParts && entryStart >= 0) this.entryParts.push(chunk.slice(entryStart))
  }

  private stringChar(c: number, chunk: string, i: number): void {
    if (this.escaped) this.escaped = false
    else if (c === BACKSLASH) this.escaped = true
    else if (c === QUOTE) {
      this.inString = false
      this.endDepth1String()
      return
    }
    ;(this.keyChars ?? this.valueChars)?.push(chunk[i]!)
  }

  private startDepth1String(): void {
    if (this.expectKey) this.keyChars = []
    else if (this.lastKey === 'resourceType') this.valueChars = []
  }

  private endDepth1String(): void {
    if (this.keyChars) {
      this.lastKey = this.keyChars.join('')
      this.keyChars = undefined
    } else if (this.valueChars) {
      this.resourceType = this.valueChars.join('')
      this.valueChars = undefined
    }
  }

  private emit(): void {
    const text = this.entryParts!.join('')
    this.entryParts = undefined
    this.entries++
    this.onEntry(text)
  }

  /** Checks the document ended cleanly. */
  end(): void {
    if (this.depth !== 0 || this.inString) {
      throw new BundleStreamError(
        'truncated JSON: the document ends inside an object, array or string',
      )
    }
  }
}
