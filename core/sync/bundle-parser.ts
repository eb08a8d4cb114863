/**
 * Incremental parser of a FHIR JSON Bundle (`$export` output files and searchset pages, which
 * the ROR serves as JSON Bundles, not NDJSON — ROR-FHIR-NOTES §5.5). Bytes go in as they
 * arrive; out come the top-level properties (`type`, `total`, `link`…, parsed) and the text of
 * each `entry` element, one at a time, so a national extract never sits in memory as one string.
 *
 * It only scans structure (braces, brackets, strings — json-scan.ts): each entry's text is then
 * handed to `JSON.parse`, which is far faster than a JavaScript tokenizer for the content
 * itself. With `parseEntries` (the sync), most entries are not even scanned: their end is found
 * from the layout of the first one, and checked by `JSON.parse` (entry-layout.ts).
 *
 * Also the CLI import's reader of files too big to be read whole (cli/lib/fhir-input.ts).
 */
import { EntryLayout } from './entry-layout'
import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  ValueScanner,
  isSpace,
  scanLiteral,
} from './json-scan'

/** A top-level property, parsed; or one `entry` element's text and the byte where it starts. */
export type BundleItem =
  { kind: 'field'; name: string; value: unknown } | { kind: 'entry'; text: string; at: number }

/**
 * What {@link BundleParser.feed} hands over with `parseEntries`: entries parsed (those that are
 * not valid JSON still come as text, for the reader to report).
 */
export type ParsedBundleItem = BundleItem | { kind: 'parsed'; value: unknown; at: number }

export interface BundleParserOptions {
  /**
   * Hand over `entry` elements that are not objects (numbers, strings, arrays…) as entries too,
   * instead of failing. For readers that report bad entries one by one (the CLI import); the
   * sync keeps the default, where such a Bundle is broken.
   */
  anyEntry?: boolean
  /**
   * Hand over entries parsed (`kind: 'parsed'`). The parser then finds where most entries end
   * from the layout of the first one rather than by scanning them (entry-layout.ts).
   */
  parseEntries?: boolean
}

/** The bytes are not a JSON object, or not a complete one. */
export class BundleSyntaxError extends Error {
  override name = 'BundleSyntaxError'
}

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

export class BundleParser {
  private state = State.Start
  private readonly decoder = new TextDecoder()
  private purpose: Purpose = 'value'
  /** Bytes of the item being captured, from earlier chunks. */
  private parts: Uint8Array[] = []
  private key = ''
  /** Where the value being captured ends. */
  private readonly scanner = new ValueScanner()
  /** The value being captured is a bare literal (number, true, false, null). */
  private isLiteral = false
  /** Byte offset where the entry being captured starts. */
  private entryAt = 0
  private items: ParsedBundleItem[] = []
  /** Bytes seen so far. */
  bytes = 0
  /** With `parseEntries`: entries whose end was found from the layout rather than scanned. */
  guessed = 0
  /** With `parseEntries`: how entries are laid out, once learnt from a whole one. */
  private layout: EntryLayout | undefined
  private learnable = true
  /** The chunk in which the next entry start was not found: no more guesses in it. */
  private missed: Uint8Array | undefined

  constructor(private readonly options: BundleParserOptions = {}) {}

  /**
   * Feeds the next bytes; returns the items completed by them. Throws {@link BundleSyntaxError}
   * when they break the structure; the items completed before the error are then in
   * {@link completed}. (With `parseEntries`, read with {@link feed}.)
   */
  push(chunk: Uint8Array): BundleItem[] {
    if (this.options.parseEntries) throw new Error('BundleParser: parseEntries is read with feed')
    this.bytes += chunk.byteLength
    let i = 0
    while (i < chunk.length) i = this.step(chunk, i)
    return this.completed()
  }

  /**
   * Like {@link push}, but hands over each item as soon as it is complete: a whole unit fed at
   * once then never holds all its entries' texts together (82 MB of strings for an export file,
   * which the garbage collector would copy and mark over and over). With `parseEntries`, the
   * entries come parsed.
   */
  *feed(chunk: Uint8Array): Generator<ParsedBundleItem> {
    this.bytes += chunk.byteLength
    let i = 0
    while (i < chunk.length) {
      i = this.step(chunk, i)
      if (this.items.length > 0) {
        const out = this.items
        this.items = []
        yield* out
      }
    }
  }

  /** Hands over (once) the items completed but not yet returned by {@link push}. */
  completed(): BundleItem[] {
    // Without `parseEntries` (push), no item is a parsed one.
    const out = this.items as BundleItem[]
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
        if (c === OPEN_OBJECT) {
          return this.options.parseEntries ? this.entry(b, i) : this.begin('entry', false, b, i)
        }
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

  /**
   * With `parseEntries`: the entry starting at `b[i]` (a `{`), parsed whole from its guessed end
   * when the layout is known and the guess holds (see entry-layout.ts); else scanned.
   */
  private entry(b: Uint8Array, i: number): number {
    if (this.layout && this.missed !== b) {
      const end = this.layout.guessEnd(b, i)
      if (end < 0) this.missed = b
      else {
        const value = parseOrMiss(this.decoder.decode(b.subarray(i, end)))
        if (value !== NOT_JSON) {
          this.guessed += 1
          this.items.push({ kind: 'parsed', value, at: this.bytes - b.length + i })
          return end
        }
        // Not the layout learnt (or a broken entry): scan from now on.
        this.layout = undefined
      }
    }
    return this.begin('entry', false, b, i)
  }

  /** Starts capturing an item whose first byte is `b[i]`. */
  private begin(purpose: Purpose, isLiteral: boolean, b: Uint8Array, i: number): number {
    this.state = State.Capture
    this.purpose = purpose
    this.parts = []
    this.scanner.reset()
    this.isLiteral = isLiteral
    if (purpose === 'entry') this.entryAt = this.bytes - b.length + i
    return this.capture(b, i)
  }

  /** Continues the capture from `i`; on completion hands the item over. */
  private capture(b: Uint8Array, i: number): number {
    const end = this.isLiteral ? scanLiteral(b, i) : this.scanner.scan(b, i)
    if (end < 0) {
      this.parts.push(b.slice(i))
      return b.length
    }
    const whole = this.parts.length === 0
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
        this.state = State.EntryList
        if (!this.options.parseEntries) {
          this.items.push({ kind: 'entry', text, at: this.entryAt })
          break
        }
        // The layout is learnt from the first object entry read whole (in one chunk).
        if (whole && this.learnable && b[i] === OPEN_OBJECT) {
          this.learnable = false
          this.layout = EntryLayout.learn(b.subarray(i, end))
        }
        this.pushParsed(text)
        break
    }
    return end
  }

  /** A scanned entry, parsed; as text when it is not valid JSON (the reader reports it). */
  private pushParsed(text: string): void {
    const value = parseOrMiss(text)
    const at = this.entryAt
    this.items.push(
      value === NOT_JSON ? { kind: 'entry', text, at } : { kind: 'parsed', value, at },
    )
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

  private syntax(message: string, b: Uint8Array, i: number): BundleSyntaxError {
    return new BundleSyntaxError(`${message} at byte ${this.bytes - b.length + i}`)
  }
}

const NOT_JSON = Symbol('not JSON')

function parseOrMiss(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return NOT_JSON
  }
}

function parseValue(text: string, key: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new BundleSyntaxError(`property "${key}" is not valid JSON`)
  }
}

/** Parses a whole streamed Bundle, yielding its items as they complete. */
export async function* parseBundleStream(
  body: AsyncIterable<Uint8Array>,
  parser = new BundleParser(),
): AsyncGenerator<BundleItem> {
  for await (const chunk of body) yield* parser.push(chunk)
  parser.end()
}
