/**
 * The keys of the records of a chunk given as JSON bytes (a sync hands a full snapshot's
 * records over as the bytes the mapper wrote, core/sync/write-snapshot.ts `writeChunkJson`),
 * without parsing the records: the slot writer needs only each record's `id` and `offerId`
 * (the locator, core/snapshot/locator.ts, and the chunk table of the checksum). Parsing a
 * national snapshot's 1.75 GB of record JSON only to read them back as text cost the engine
 * worker ~20 s and hundreds of MB of short-lived objects; this scan reads each byte once.
 */

/** The top-level keys of one record (`offerId`: placements, practitioner roles). */
export interface RecordKeys {
  id?: string
  offerId?: string
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a
const COMMA = 0x2c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d

const utf8 = new TextDecoder()

/**
 * The string whose quotes are at `start` and `end` (JSON escapes decoded when there are).
 * ASCII without escapes — every key and almost every id — is read here, byte by byte: a
 * `TextDecoder.decode` call per key (a dozen per record) leaves a small object in Chromium's
 * own heap each time, which only a full collection frees; over the 1.6 million records of a
 * national sync they added up to ~350 MB in the engine worker (bench `sync-browser`).
 */
function stringAt(json: Uint8Array, start: number, end: number, escaped: boolean): string {
  if (!escaped) {
    const ascii = asciiAt(json, start + 1, end)
    if (ascii !== undefined) return ascii
  }
  const raw = json.subarray(start, end + 1)
  return escaped ? (JSON.parse(utf8.decode(raw)) as string) : utf8.decode(raw.subarray(1, -1))
}

/** The bytes `from`…`to` (excluded) as a string when all are ASCII, else undefined. */
function asciiAt(json: Uint8Array, from: number, to: number): string | undefined {
  let text = ''
  for (let i = from; i < to; i++) {
    const byte = json[i]!
    if (byte >= 0x80) return undefined
    text += String.fromCharCode(byte)
  }
  return text
}

/** Whether the string whose quotes are at `start` and `end` is `key` (ASCII, no escapes). */
function isKey(json: Uint8Array, start: number, end: number, key: string): boolean {
  if (end - start - 1 !== key.length) return false
  for (let i = 0; i < key.length; i++) if (json[start + 1 + i] !== key.charCodeAt(i)) return false
  return true
}

/** Index of the quote that closes the string opened at `start`; whether it has escapes. */
function closingQuote(json: Uint8Array, start: number): { end: number; escaped: boolean } {
  let escaped = false
  for (let i = start + 1; i < json.length; i++) {
    const byte = json[i]
    if (byte === BACKSLASH) {
      escaped = true
      i += 1
    } else if (byte === QUOTE) return { end: i, escaped }
  }
  throw new SyntaxError('chaîne JSON non terminée')
}

/**
 * `id` and `offerId` (when they are strings) of each object of the JSON array `json`, in
 * order. Keys of nested objects are ignored. Throws a `SyntaxError` on unbalanced input.
 */
export function recordKeysOf(json: Uint8Array): RecordKeys[] {
  const out: RecordKeys[] = []
  let depth = 0
  let current: RecordKeys = {}
  /** At depth 2 (a record's own members): the next string is a key. */
  let expectKey = false
  /** The record key whose value comes next, when it is one we want. */
  let wanted: 'id' | 'offerId' | undefined
  for (let i = 0; i < json.length; i++) {
    const byte = json[i]
    if (byte === QUOTE) {
      const { end, escaped } = closingQuote(json, i)
      if (depth === 2) {
        if (expectKey) {
          // Compared as bytes: the other keys need no string at all.
          const key = escaped ? stringAt(json, i, end, escaped) : undefined
          if (key !== undefined) wanted = key === 'id' || key === 'offerId' ? key : undefined
          else if (isKey(json, i, end, 'id')) wanted = 'id'
          else if (isKey(json, i, end, 'offerId')) wanted = 'offerId'
          else wanted = undefined
          expectKey = false
        } else if (wanted) {
          current[wanted] = stringAt(json, i, end, escaped)
          wanted = undefined
        }
      }
      i = end
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1
      if (depth === 2) {
        current = {}
        expectKey = byte === OPEN_OBJECT
      } else if (depth > 2) wanted = undefined // an object or array value: not a key's string
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (depth === 2) out.push(current)
      depth -= 1
      if (depth < 0) throw new SyntaxError('JSON déséquilibré')
    } else if (byte === COMMA && depth === 2) {
      expectKey = true
      wanted = undefined
    } else if (byte !== COLON && depth === 2 && byte! > 0x20) {
      wanted = undefined // a number, true, false or null value
    }
  }
  if (depth !== 0) throw new SyntaxError('JSON déséquilibré')
  return out
}
