/**
 * Incremental parser of a FHIR JSON Bundle (`$export` output files and searchset pages, which
 * the ROR serves as JSON Bundles, not NDJSON — ROR-FHIR-NOTES §5.5). Bytes go in as they
 * arrive; out come the top-level properties (`type`, `total`, `link`…, parsed) and the text of
 * each `entry` element, one at a time, so a national extract never sits in memory as one string.
 *
 * It only scans structure (braces, brackets, strings): each entry's text is then handed to
 * `JSON.parse`, which is far faster than a JavaScript tokenizer for the content itself. UTF-8
 * continuation bytes are all ≥ 0x80, so scanning bytes for ASCII structure is safe.
 *
 * Also the CLI import's reader of files too big to be read whole (cli/lib/fhir-input.ts).
 */

/** A top-level property, parsed; or one `entry` element's text and the byte where it starts. */
export type BundleItem =
  { kind: 'field'; name: string; value: unknown } | { kind: 'entry'; text: string; at: number }

export interface BundleParserOptions {
  /**
   * Hand over `entry` elements that are not objects (numbers, strings, arrays…) as entries too,
   * instead of failing. For readers that report bad entries one by one (the CLI import); the
   * sync keeps the default, where such a Bundle is broken.
   */
  anyEntry?: boolean
}

/** The bytes are not a JSON object, or not a complete one. */
export class BundleSyntaxError extends Error {
  override name = 'BundleSyntaxError'
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a
const COMMA = 0x2c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d

const enum State {
  Start,
  KeyOrEnd,
  Colon,
  ValueStart,
  EntryList,
  Capture,
  Done,
}

/** What the item being captured is. */
type Purpose = 'key' | 'value' | 'entry'

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

export class BundleParser {
  private state = State.Start
  private readonly decoder = new TextDecoder()
  private purpose: Purpose = 'value'
  /** Bytes of the item being captured, from earlier chunks. */
  private parts: Uint8Array[] = []
  private key = ''
  private depth = 0
  private inString = false
  /** Backslashes just before the current position (string escapes across chunks). */
  private backslashes = 0
  /** The value being captured is a bare literal (number, true, false, null). */
  private isLiteral = false
  /** Byte offset where the entry being captured starts. */
  private entryAt = 0
  private items: BundleItem[] = []
  /** Bytes seen so far. */
  bytes = 0

  constructor(private readonly options: BundleParserOptions = {}) {}

  /**
   * Feeds the next bytes; returns the items completed by them. Throws {@link BundleSyntaxError}
   * when they break the structure; the items completed before the error are then in
   * {@link completed}.
   */
  push(chunk: Uint8Array): BundleItem[] {
    this.bytes += chunk.byteLength
    let i = 0
    while (i < chunk.length) i = this.step(chunk, i)
    return this.completed()
  }

  /** Hands over (once) the items completed but not yet returned by {@link push}. */
  completed(): BundleItem[] {
    const out = this.items
    this.items = []
    return out
  }

  /** Checks that the object was complete; throws {@link BundleSyntaxError} otherwise. */
  end(): void {
    if (this.state !== State.Done) {
      throw new BundleSyntaxError(
        this.bytes === 0 ? 'empty body' : `JSON ended early after ${this.bytes} bytes`,
      )
    }
  }

  /** Handles bytes from `i` in the current state; returns the next index to read. */
  private step(b: Uint8Array, i: number): number {
    const c = b[i]!
    switch (this.state) {
      case State.Capture:
        return this.capture(b, i)
      case State.Start:
        return this.expect(b, i, OPEN_OBJECT, State.KeyOrEnd, 'a JSON object')
      case State.Colon:
        return this.expect(b, i, COLON, State.ValueStart, '":"')
      case State.KeyOrEnd:
        if (isSpace(c) || c === COMMA) return i + 1
        if (c === CLOSE_OBJECT) {
          this.state = State.Done
          return i + 1
        }
        if (c !== QUOTE) throw this.syntax('expected a property name', b, i)
        return this.begin('key', false, b, i)
      case State.ValueStart:
        if (isSpace(c)) return i + 1
        if (this.key === 'entry' && c === OPEN_ARRAY) {
          this.state = State.EntryList
          return i + 1
        }
        return this.begin('value', c !== QUOTE && c !== OPEN_OBJECT && c !== OPEN_ARRAY, b, i)
      case State.EntryList:
        if (isSpace(c) || c === COMMA) return i + 1
        if (c === CLOSE_ARRAY) {
          this.state = State.KeyOrEnd
          return i + 1
        }
        if (c === OPEN_OBJECT) return this.begin('entry', false, b, i)
        // A `}` here would be captured as an empty literal, over and over.
        if (!this.options.anyEntry || c === CLOSE_OBJECT) {
          throw this.syntax('entry is not an object', b, i)
        }
        return this.begin('entry', c !== QUOTE && c !== OPEN_ARRAY, b, i)
      case State.Done:
        if (!isSpace(c)) throw this.syntax('data after the end of the Bundle', b, i)
        return i + 1
    }
  }

  private expect(b: Uint8Array, i: number, byte: number, next: State, what: string): number {
    const c = b[i]!
    if (isSpace(c)) return i + 1
    if (c !== byte) throw this.syntax(`expected ${what}`, b, i)
    this.state = next
    return i + 1
  }

  /** Starts capturing an item whose first byte is `b[i]`. */
  private begin(purpose: Purpose, isLiteral: boolean, b: Uint8Array, i: number): number {
    this.state = State.Capture
    this.purpose = purpose
    this.parts = []
    this.depth = 0
    this.inString = false
    this.backslashes = 0
    this.isLiteral = isLiteral
    if (purpose === 'entry') this.entryAt = this.bytes - b.length + i
    return this.capture(b, i)
  }

  /** Continues the capture from `i`; on completion hands the item over. */
  private capture(b: Uint8Array, i: number): number {
    const end = this.isLiteral ? scanLiteral(b, i) : this.scan(b, i)
    if (end < 0) {
      this.parts.push(b.slice(i))
      return b.length
    }
    const text = this.text(b, i, end)
    switch (this.purpose) {
      case 'key':
        this.key = JSON.parse(text) as string
        this.state = State.Colon
        break
      case 'value':
        this.items.push({ kind: 'field', name: this.key, value: parseValue(text, this.key) })
        this.state = State.KeyOrEnd
        break
      case 'entry':
        this.items.push({ kind: 'entry', text, at: this.entryAt })
        this.state = State.EntryList
        break
    }
    return end
  }

  /** Text of the captured item: earlier parts plus `b[from, to)`. */
  private text(b: Uint8Array, from: number, to: number): string {
    if (this.parts.length === 0) return this.decoder.decode(b.subarray(from, to))
    this.parts.push(b.subarray(from, to))
    let size = 0
    for (const p of this.parts) size += p.length
    const all = new Uint8Array(size)
    let at = 0
    for (const p of this.parts) {
      all.set(p, at)
      at += p.length
    }
    this.parts = []
    return this.decoder.decode(all)
  }

  /**
   * Scans one JSON value from `i` (continuing a scan started in an earlier chunk); returns the
   * index just after it, or -1 when the chunk ends first. Inside strings it jumps from quote
   * to quote with `indexOf`, which is where most of the bytes are.
   */
  private scan(b: Uint8Array, i: number): number {
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

  private syntax(message: string, b: Uint8Array, i: number): BundleSyntaxError {
    return new BundleSyntaxError(`${message} at byte ${this.bytes - b.length + i}`)
  }
}

function parseValue(text: string, key: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new BundleSyntaxError(`property "${key}" is not valid JSON`)
  }
}

/** A bare literal ends before `,` `}` `]` or white space (not consumed); -1 if not yet. */
function scanLiteral(b: Uint8Array, i: number): number {
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

/** Parses a whole streamed Bundle, yielding its items as they complete. */
export async function* parseBundleStream(
  body: AsyncIterable<Uint8Array>,
  parser = new BundleParser(),
): AsyncGenerator<BundleItem> {
  for await (const chunk of body) yield* parser.push(chunk)
  parser.end()
}
