/**
 * Snapshot file format, versions 1 and 2 — environment-agnostic (Uint8Array in, Uint8Array
 * out; file I/O lives in cli/ and main/, IndexedDB in renderer/storage).
 *
 *   offset 0   8 bytes  magic "RORSNAP\n"
 *          8   u16 LE   format version (1, or 2 when the file is an overlay)
 *         10   u16 LE   flags (0)
 *         12   u32 LE   header length H
 *         16   u32 LE   CRC-32 of the header bytes
 *         20   H bytes  header: UTF-8 JSON { manifest, chunks: [{kind, count, offset, length,
 *                       crc32, dead?, layer?}], facts?: {offset, length, crc32},
 *                       factsLayers?: [{offset, length, crc32}] }
 *       20+H   chunks   each = raw DEFLATE of the JSON array of its records
 *              facts    optional: raw DEFLATE of the sync facts (facts.ts), after the chunks,
 *                       then those of each overlay's facts layer (facts-layer.ts)
 *
 * A chunk holds up to ~1000 records of one kind: it is the unit the app stores in IndexedDB
 * (one row per chunk: one row per record is ~75× slower, STACK-NOTES §2) and the unit of
 * integrity (its CRC-32 is checked when it is read). Records are encoded chunk by chunk and
 * decoded chunk by chunk, so a million records never sit in memory as one JSON text.
 * Format 2 adds the overlay of a delta sync (`dead`, `layer`: see `liveCount` below).
 */
import { deflateSync, strFromU8, strToU8 } from 'fflate'
import { z } from 'zod'
import { crc32, crcHex } from './crc32'
import { inflateJson } from './inflate-json'
import {
  CHUNK_KINDS,
  OLDEST_READABLE_FORMAT_VERSION,
  SNAPSHOT_FORMAT_VERSION,
  emptyCounts,
  manifestSchema,
  type ChunkKind,
  type SnapshotManifest,
} from './manifest'
import type { DomainRecord, ResolvedPlacement } from './records'

export const SNAPSHOT_MAGIC = 'RORSNAP\n'
export const PREFIX_LENGTH = 20
export const DEFAULT_CHUNK_SIZE = 1000

export interface ChunkInfo {
  kind: ChunkKind
  /** Records stored in the chunk, superseded ones included. */
  count: number
  /** Byte offset from the start of the chunk section (20 + header length). */
  offset: number
  length: number
  crc32: string
  /**
   * Format 2: keys (record id, offer id for placements) of the records of this chunk that a
   * later delta superseded or removed — readers skip them (see `liveCount`, overlay below).
   */
  dead?: string[]
  /** Format 2: 0 (absent) for a full sync's chunks, n for those the n-th overlaid delta added. */
  layer?: number
}

/** What a chunk added as bytes may carry besides them (see `ChunkInfo`). */
export interface EncodedChunkExtras {
  dead?: readonly string[]
  layer?: number
  /** Its CRC-32 when already known (a chunk copied from another file). */
  crc?: string
}

/** What chunk `info` of another file carries when copied into an overlay, with `moreDead`. */
export function copiedChunkExtras(
  info: ChunkInfo,
  moreDead: readonly string[] = [],
): EncodedChunkExtras & { dead: string[] } {
  const dead = [...(info.dead ?? []), ...moreDead]
  return { dead, crc: info.crc32, ...(info.layer ? { layer: info.layer } : {}) }
}

/** A section of bytes after the chunks (offset from the start of the chunk section). */
export interface SectionInfo {
  offset: number
  length: number
  crc32: string
}

export interface SnapshotHeader {
  manifest: SnapshotManifest
  chunks: ChunkInfo[]
  /** The sync facts of the live records (facts.ts), when the writer kept them. */
  facts?: SectionInfo
  /** What each overlay changed in those facts, oldest first (facts-layer.ts; format 2). */
  factsLayers?: SectionInfo[]
}

/**
 * Overlay (format 2). A delta sync does not rewrite the snapshot: the new file keeps the
 * previous file's chunk bytes as they are, marks in each chunk's `dead` list the records the
 * delta replaces or removes, and appends the delta's records as new chunks (the next `layer`;
 * within a layer each kind is sorted by id). A reader skips the dead records; a full sync (at
 * least weekly, ROR rule) writes a compact file again.
 */
export function liveCount(info: Pick<ChunkInfo, 'count' | 'dead'>): number {
  return info.count - (info.dead?.length ?? 0)
}

/** The key a dead list names a record by: its id, or its offer id for a placement. */
export function recordIdOf(record: DomainRecord | ResolvedPlacement): string {
  // Placements have no `type`; a PractitionerRole record has an `offerId` of its own.
  return 'type' in record ? record.id : record.offerId
}

/** The file is not a snapshot, or is damaged in a way that prevents reading it. */
export class SnapshotFormatError extends Error {
  override name = 'SnapshotFormatError'
}
/** The file was written by a newer or a too old version of the format. */
export class SnapshotVersionError extends Error {
  override name = 'SnapshotVersionError'
}
/** A checksum does not match: the file was truncated or corrupted. */
export class SnapshotIntegrityError extends Error {
  override name = 'SnapshotIntegrityError'
}

/** What the caller provides; counts, checksum and format version are filled by the encoder. */
export type ManifestInput = Omit<SnapshotManifest, 'formatVersion' | 'counts' | 'checksum'>

/**
 * Incremental encoder: add records kind by kind (any number of calls), then `finish` returns the
 * file as a list of byte parts to write in order (header first) or to concatenate.
 */
export class SnapshotEncoder {
  private readonly chunks: { info: ChunkInfo; bytes: Uint8Array }[] = []
  private readonly pending = new Map<ChunkKind, string[]>()
  private readonly counts = emptyCounts()
  private size = 0
  private facts: { bytes: Uint8Array; crc?: string } | undefined
  private readonly factsLayers: { bytes: Uint8Array; crc?: string }[] = []

  constructor(
    private readonly chunkSize = DEFAULT_CHUNK_SIZE,
    private readonly level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
  ) {}

  add(kind: ChunkKind, records: Iterable<DomainRecord | ResolvedPlacement>): void {
    for (const r of records) this.push(kind, JSON.stringify(r))
  }

  /** Like `add` with records already serialised as JSON (skips a parse/stringify round trip). */
  addJson(kind: ChunkKind, texts: Iterable<string>): void {
    for (const t of texts) this.push(kind, t)
  }

  /**
   * Appends a chunk already encoded elsewhere (e.g. deflated on a host's thread pool): `bytes`
   * is the raw DEFLATE of the JSON array of its `count` records, exactly what `flush` makes.
   * Flushes the records pending for `kind` first, so chunks keep the order they were given in.
   */
  addEncodedChunk(
    kind: ChunkKind,
    count: number,
    bytes: Uint8Array,
    extras: EncodedChunkExtras = {},
  ): void {
    this.flush(kind)
    const info: ChunkInfo = {
      kind,
      count,
      offset: this.size,
      length: bytes.length,
      crc32: extras.crc ?? crcHex(crc32(bytes)),
    }
    if (extras.dead && extras.dead.length > 0) info.dead = [...extras.dead]
    if (extras.layer) info.layer = extras.layer
    this.chunks.push({ info, bytes })
    this.counts[kind] += liveCount(info)
    this.size += bytes.length
  }

  /** Exactly one chunk of these records (records pending for `kind` go first, in their own). */
  addChunk(
    kind: ChunkKind,
    records: readonly (DomainRecord | ResolvedPlacement)[],
    layer?: number,
  ): void {
    if (records.length === 0) return
    const bytes = deflateSync(strToU8(JSON.stringify(records)), { level: this.level })
    this.addEncodedChunk(kind, records.length, bytes, layer ? { layer } : {})
  }

  /** Chunks added so far (the index the next chunk will have, once pending ones are flushed). */
  get chunkCount(): number {
    return this.chunks.length
  }

  /** The facts section (facts.ts), written after the chunks; `crc` when already known. */
  setFacts(bytes: Uint8Array, crc?: string): void {
    this.facts = { bytes, ...(crc === undefined ? {} : { crc }) }
  }

  /** A facts layer (facts-layer.ts), written after the facts section and earlier layers. */
  addFactsLayer(bytes: Uint8Array, crc?: string): void {
    this.factsLayers.push({ bytes, ...(crc === undefined ? {} : { crc }) })
  }

  private push(kind: ChunkKind, json: string): void {
    let buf = this.pending.get(kind)
    if (!buf) this.pending.set(kind, (buf = []))
    buf.push(json)
    if (buf.length >= this.chunkSize) this.flush(kind)
  }

  private flush(kind: ChunkKind): void {
    const buf = this.pending.get(kind)
    if (!buf || buf.length === 0) return
    const bytes = deflateSync(strToU8(`[${buf.join(',')}]`), { level: this.level })
    const info: ChunkInfo = {
      kind,
      count: buf.length,
      offset: this.size,
      length: bytes.length,
      crc32: crcHex(crc32(bytes)),
    }
    this.chunks.push({ info, bytes })
    this.counts[kind] += buf.length
    this.size += bytes.length
    this.pending.set(kind, [])
  }

  /** Flushes the last chunks and returns the parts of the file: [prefix+header, ...chunks]. */
  finish(manifest: ManifestInput): Uint8Array[] {
    for (const kind of CHUNK_KINDS) this.flush(kind)
    const isOverlay =
      this.factsLayers.length > 0 ||
      this.chunks.some((c) => c.info.dead !== undefined || c.info.layer)
    // A file without dead records is read the same by format-1 readers: it stays format 1.
    const version = isOverlay ? SNAPSHOT_FORMAT_VERSION : 1
    const full: SnapshotManifest = {
      ...manifest,
      formatVersion: version,
      counts: { ...this.counts },
      checksum: {
        algorithm: 'crc32-chunks',
        value: combinedChecksum(this.chunks.map((c) => c.info)),
      },
    }
    const header: SnapshotHeader = { manifest: full, chunks: this.chunks.map((c) => c.info) }
    let end = this.size
    const section = ({ bytes, crc }: { bytes: Uint8Array; crc?: string }): SectionInfo => {
      const info = { offset: end, length: bytes.length, crc32: crc ?? crcHex(crc32(bytes)) }
      end += bytes.length
      return info
    }
    if (this.facts) header.facts = section(this.facts)
    if (this.factsLayers.length > 0) header.factsLayers = this.factsLayers.map(section)
    const headerBytes = strToU8(JSON.stringify(header))
    const first = new Uint8Array(PREFIX_LENGTH + headerBytes.length)
    first.set(strToU8(SNAPSHOT_MAGIC), 0)
    const view = new DataView(first.buffer)
    view.setUint16(8, version, true)
    view.setUint16(10, 0, true)
    view.setUint32(12, headerBytes.length, true)
    view.setUint32(16, crc32(headerBytes), true)
    first.set(headerBytes, PREFIX_LENGTH)
    const parts = [first, ...this.chunks.map((c) => c.bytes)]
    if (this.facts) parts.push(this.facts.bytes)
    parts.push(...this.factsLayers.map((l) => l.bytes))
    return parts
  }
}

/**
 * The facts of `base` into a new file as they are: its facts section and facts layers, with
 * their recorded CRCs — not checked again here (readers check them, and the file store verifies
 * the new file once written).
 */
export function copyFactsSections(base: SnapshotReader, encoder: SnapshotEncoder): void {
  if (!base.header.facts) {
    throw new Error('copyFactsSections: the base snapshot has no facts section')
  }
  base.factsSections().forEach(({ info, bytes }, i) => {
    if (i === 0) encoder.setFacts(bytes, info.crc32)
    else encoder.addFactsLayer(bytes, info.crc32)
  })
}

/** CRC-32 over the whole chunk table (each chunk's kind, count, place and CRC): a digest of the digests. */
function combinedChecksum(chunks: readonly ChunkInfo[]): string {
  const table = chunks.map(
    (c) =>
      `${c.kind}:${c.count}:${c.offset}:${c.length}:${c.crc32}` +
      (c.dead ? `:${crcHex(crc32(strToU8(c.dead.join('\n'))))}` : '') +
      (c.layer ? `:L${c.layer}` : ''),
  )
  return crcHex(crc32(strToU8(table.join(','))))
}

/** Concatenates byte parts (e.g. the output of `SnapshotEncoder.finish`). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/**
 * Upgrades from format version v to v + 1 (header and records). Empty while version 1 is the
 * only one; a future version adds `1: { header: (h) => …, record: (kind, r) => … }` so that
 * files written today stay readable.
 */
const UPGRADES: Readonly<
  Record<
    number,
    { header?: (h: unknown) => unknown; record?: (kind: ChunkKind, r: unknown) => unknown }
  >
> = {}

/** A chunk table entry, as validated when read (also by the snapshot transfer, core/ipc). */
export const chunkInfoSchema = z.object({
  kind: z.enum(CHUNK_KINDS as [ChunkKind, ...ChunkKind[]]),
  count: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  crc32: z.string(),
  dead: z.array(z.string()).optional(),
  layer: z.number().int().positive().optional(),
})
const sectionSchema = z.object({
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  crc32: z.string(),
})
const headerSchema = z.object({
  manifest: manifestSchema,
  chunks: z.array(chunkInfoSchema),
  facts: sectionSchema.optional(),
  factsLayers: z.array(sectionSchema).optional(),
})

/** Bytes needed to read the header: the 20-byte prefix, then 20 + header length. */
export function headerLength(prefix: Uint8Array): number {
  checkPrefix(prefix)
  return PREFIX_LENGTH + new DataView(prefix.buffer, prefix.byteOffset).getUint32(12, true)
}

function checkPrefix(bytes: Uint8Array): number {
  if (bytes.length < PREFIX_LENGTH || strFromU8(bytes.subarray(0, 8), true) !== SNAPSHOT_MAGIC) {
    throw new SnapshotFormatError(
      "Ce fichier n'est pas un instantané ROR hors ligne (signature absente). Vérifiez le chemin ou refaites l'import.",
    )
  }
  const version = new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true)
  if (version > SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotVersionError(
      `Instantané au format ${version}, plus récent que ce que sait lire cette version (format ${SNAPSHOT_FORMAT_VERSION} au plus) : mettez l'application à jour.`,
    )
  }
  if (version < OLDEST_READABLE_FORMAT_VERSION) {
    throw new SnapshotVersionError(
      `Instantané au format ${version}, trop ancien (format ${OLDEST_READABLE_FORMAT_VERSION} au moins) : refaites l'import ou la synchronisation.`,
    )
  }
  return version
}

/** Reads and verifies the header from the first `headerLength(prefix)` bytes of a file. */
export function readSnapshotHeader(bytes: Uint8Array): { header: SnapshotHeader; version: number } {
  const version = checkPrefix(bytes)
  const view = new DataView(bytes.buffer, bytes.byteOffset)
  const length = view.getUint32(12, true)
  const headerBytes = bytes.subarray(PREFIX_LENGTH, PREFIX_LENGTH + length)
  if (headerBytes.length < length) {
    throw new SnapshotIntegrityError('Instantané tronqué : en-tête incomplet.')
  }
  if (crc32(headerBytes) !== view.getUint32(16, true)) {
    throw new SnapshotIntegrityError(
      'Instantané corrompu : la somme de contrôle de l’en-tête ne correspond pas.',
    )
  }
  let raw: unknown = JSON.parse(strFromU8(headerBytes))
  for (let v = version; v < SNAPSHOT_FORMAT_VERSION; v++) raw = UPGRADES[v]?.header?.(raw) ?? raw
  const parsed = headerSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new SnapshotFormatError(
      `En-tête d'instantané invalide (${issue?.path.join('.')} : ${issue?.message}).`,
    )
  }
  const header = parsed.data as SnapshotHeader
  if (combinedChecksum(header.chunks) !== header.manifest.checksum.value) {
    throw new SnapshotIntegrityError(
      'Instantané corrompu : la table des blocs ne correspond pas au manifeste.',
    )
  }
  return { header, version }
}

/** Decodes one chunk's bytes after checking its CRC-32 and shape. */
export function decodeChunk(
  info: ChunkInfo,
  bytes: Uint8Array,
  version = SNAPSHOT_FORMAT_VERSION,
): (DomainRecord | ResolvedPlacement)[] {
  if (bytes.length !== info.length || crcHex(crc32(bytes)) !== info.crc32) {
    throw new SnapshotIntegrityError(
      `Instantané corrompu ou tronqué : bloc ${info.kind} à l'octet ${info.offset} (somme de contrôle).`,
    )
  }
  const records: unknown = inflateJson(bytes)
  if (!Array.isArray(records) || records.length !== info.count) {
    throw new SnapshotFormatError(`Bloc ${info.kind} illisible (nombre d'enregistrements).`)
  }
  let out: unknown[] = records
  for (let v = version; v < SNAPSHOT_FORMAT_VERSION; v++) {
    const up = UPGRADES[v]?.record
    if (up) out = out.map((r) => up(info.kind, r))
  }
  for (const r of out) {
    const ok =
      typeof r === 'object' &&
      r !== null &&
      (info.kind === 'placement' ? 'offerId' in r : (r as { type?: unknown }).type === info.kind)
    if (!ok) throw new SnapshotFormatError(`Bloc ${info.kind} : enregistrement d'un autre type.`)
  }
  return withoutDead(info, out as (DomainRecord | ResolvedPlacement)[])
}

/**
 * The live records of a chunk: those its `dead` list does not name (all of them in a format-1
 * file). Throws when a dead key is not in the chunk — the counts would then be wrong.
 */
export function withoutDead<T extends DomainRecord | ResolvedPlacement>(
  info: Pick<ChunkInfo, 'kind' | 'offset' | 'dead'>,
  records: T[],
): T[] {
  if (!info.dead || info.dead.length === 0) return records
  const dead = new Set(info.dead)
  const live = records.filter((r) => !dead.has(recordIdOf(r)))
  if (live.length !== records.length - dead.size) {
    throw new SnapshotFormatError(
      `Bloc ${info.kind} à l'octet ${info.offset} : la liste des enregistrements remplacés ne correspond pas au bloc.`,
    )
  }
  return live
}

/** The highest layer of a file's chunks (0: no overlay). */
export function topLayer(chunks: readonly ChunkInfo[]): number {
  return chunks.reduce((top, c) => Math.max(top, c.layer ?? 0), 0)
}

/** Whether chunks written in format `version` can be stored and read as they are today. */
export function isCurrentChunkEncoding(version: number): boolean {
  for (let v = version; v < SNAPSHOT_FORMAT_VERSION; v++) if (UPGRADES[v]?.record) return false
  return true
}

/**
 * A file's bytes as the parts an encoder wrote them in (`SnapshotEncoder.finish`): the prefix
 * and header, then one part per chunk and section. Read through it, a slot of IndexedDB read
 * as a file is not copied into one buffer (~110 MB at national scale, held twice meanwhile).
 */
class PartedBytes {
  /** File offset of each part's first byte. */
  private readonly starts: number[] = []
  readonly length: number

  constructor(private readonly parts: readonly Uint8Array[]) {
    let at = 0
    for (const part of parts) {
      this.starts.push(at)
      at += part.length
    }
    this.length = at
  }

  get head(): Uint8Array {
    return this.parts[0] ?? new Uint8Array(0)
  }

  subarray(start: number, end: number): Uint8Array {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.starts[mid] ?? 0) <= start) lo = mid
      else hi = mid - 1
    }
    const from = start - (this.starts[lo] ?? 0)
    const part = this.parts[lo]
    // An encoder writes each chunk and section as a part of its own: one across parts means
    // the parts do not match the header.
    if (!part || from + (end - start) > part.length) {
      throw new SnapshotFormatError(
        `Instantané lu par morceaux : les octets ${start}–${end} sont à cheval sur deux morceaux ` +
          '(les morceaux ne correspondent pas à l’en-tête).',
      )
    }
    return part.subarray(from, from + end - start)
  }
}

/** A snapshot held in memory; chunks are decoded lazily, one at a time. */
export class SnapshotReader {
  readonly header: SnapshotHeader
  private readonly version: number
  private readonly chunksStart: number
  private readonly bytes: Pick<Uint8Array, 'length' | 'subarray'>

  /**
   * `file`: the whole file, or the parts an encoder wrote (prefix and header first).
   * `options.crc32`: a faster CRC-32 of the same polynomial for the facts sections (node:zlib's
   * native one in Node hosts: ~20 MB checked on each delta).
   */
  constructor(
    file: Uint8Array | readonly Uint8Array[],
    private readonly options: { crc32?: (bytes: Uint8Array) => number } = {},
  ) {
    const parted = file instanceof Uint8Array ? undefined : new PartedBytes(file)
    const head = parted ? parted.head : (file as Uint8Array)
    this.bytes = parted ?? (file as Uint8Array)
    const { header, version } = readSnapshotHeader(head)
    this.header = header
    this.version = version
    this.chunksStart = headerLength(head)
    const last = header.factsLayers?.at(-1) ?? header.facts ?? header.chunks.at(-1)
    if (last && this.chunksStart + last.offset + last.length > this.bytes.length) {
      throw new SnapshotIntegrityError(
        'Instantané tronqué : des blocs manquent à la fin du fichier.',
      )
    }
  }

  /** The format version the file was written in. */
  get formatVersion(): number {
    return this.version
  }

  /** The facts section's bytes (CRC checked), or undefined when the file has none. */
  factsBytes(): Uint8Array | undefined {
    const info = this.header.facts
    return info && this.section(info)
  }

  /** The bytes of each facts layer (CRC checked), oldest first. */
  factsLayerBytes(): Uint8Array[] {
    return (this.header.factsLayers ?? []).map((info) => this.section(info))
  }

  /** The facts section and layers as they are in the file (not checked), with their info. */
  factsSections(): { info: SectionInfo; bytes: Uint8Array }[] {
    const infos = [
      ...(this.header.facts ? [this.header.facts] : []),
      ...(this.header.factsLayers ?? []),
    ]
    return infos.map((info) => ({ info, bytes: this.sectionAt(info) }))
  }

  private sectionAt(info: SectionInfo): Uint8Array {
    const start = this.chunksStart + info.offset
    return this.bytes.subarray(start, start + info.length)
  }

  private section(info: SectionInfo): Uint8Array {
    const bytes = this.sectionAt(info)
    if (crcHex((this.options.crc32 ?? crc32)(bytes)) !== info.crc32) {
      throw new SnapshotIntegrityError(
        'Instantané corrompu : section des faits de synchronisation.',
      )
    }
    return bytes
  }

  get manifest(): SnapshotManifest {
    return this.header.manifest
  }

  /** The raw (compressed) bytes of chunk `i`, e.g. to store them as they are. */
  chunkBytes(i: number): Uint8Array {
    const info = this.header.chunks[i]
    if (!info) throw new RangeError(`no chunk ${i}`)
    const start = this.chunksStart + info.offset
    return this.bytes.subarray(start, start + info.length)
  }

  /** Decodes chunk `i` (CRC checked). */
  chunk(i: number): (DomainRecord | ResolvedPlacement)[] {
    return decodeChunk(this.header.chunks[i]!, this.chunkBytes(i), this.version)
  }

  /** Every record of the given kinds (all kinds by default), chunk by chunk. */
  *records(kinds?: readonly ChunkKind[]): Generator<DomainRecord | ResolvedPlacement> {
    for (let i = 0; i < this.header.chunks.length; i++) {
      if (kinds && !kinds.includes(this.header.chunks[i]!.kind)) continue
      yield* this.chunk(i)
    }
  }
}
