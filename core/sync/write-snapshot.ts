/**
 * Writes the records of a sync into a {@link SnapshotWriter} as packed chunks (~1000 records of
 * one kind), then the offer placements (core/snapshot/resolve.ts) computed on the way:
 * - full sync: the build result as it is (each type sorted by id);
 * - delta: a merge of the active snapshot with the delta's records, in one pass over the base,
 *   keeping each type sorted by id — so a delta and a full sync of the same data give the same
 *   records in the same order.
 */
import type { BuildResult } from '../snapshot/builder'
import type { ChunkKind } from '../snapshot/manifest'
import type { DomainRecord, RecordType } from '../snapshot/records'
import { RECORD_TYPES } from '../snapshot/records'
import {
  placeInfo,
  resolvePlacement,
  structureInfo,
  type CommuneCentroid,
  type OfferRef,
  type PlaceInfo,
  type PlacementLookup,
  type StructureInfo,
} from '../snapshot/resolve'
import { FactsCollector } from './facts-collector'
import { isLayered, layeredRecords } from './layered-read'
import type { SnapshotBase, SnapshotWriter, StoredRecord } from './snapshot-store'

export const CHUNK_SIZE = 1000

export interface WriteOptions {
  communeCentroid?: CommuneCentroid
  chunkSize?: number
  /** Called after each chunk with the records written so far. */
  onChunk?: (written: number) => void
  /** The number of records this write will hand over, once known (progress, ETA). */
  onTotal?: (records: number) => void
}

/** Buffers records per kind and writes them ~1000 at a time, one writer chunk per flush. */
export class ChunkedOutput {
  private readonly buffers = new Map<ChunkKind, StoredRecord[]>()
  written = 0
  /** Chunks written so far: the index the next one gets in the file. */
  chunks = 0

  constructor(
    private readonly writer: SnapshotWriter,
    private readonly options: WriteOptions,
    /** Told of every chunk written, with its index (the sync facts, facts-collector.ts). */
    readonly facts?: FactsCollector,
  ) {}

  async push(kind: ChunkKind, record: StoredRecord): Promise<void> {
    let buffer = this.buffers.get(kind)
    if (!buffer) this.buffers.set(kind, (buffer = []))
    buffer.push(record)
    if (buffer.length >= (this.options.chunkSize ?? CHUNK_SIZE)) await this.flush(kind)
  }

  async flush(kind: ChunkKind): Promise<void> {
    const buffer = this.buffers.get(kind)
    if (!buffer || buffer.length === 0) return
    this.buffers.set(kind, [])
    await this.writer.writeChunk(kind, buffer)
    this.facts?.chunk(kind, buffer, this.chunks)
    this.chunks += 1
    this.written += buffer.length
    this.options.onChunk?.(this.written)
  }

  /** Hands the sync facts to the writer, when both keep them. */
  async writeFacts(): Promise<void> {
    if (this.facts && this.writer.writeFacts) await this.writer.writeFacts(this.facts.finish())
  }
}

/** A collector of the sync facts when the writer keeps them (file hosts). */
function factsFor(writer: SnapshotWriter, build?: BuildResult): FactsCollector | undefined {
  if (!writer.writeFacts) return undefined
  return new FactsCollector(build?.itemsOf ? (t) => build.itemsOf!(t) : undefined)
}

/** Collects what placement needs while records stream past (offers keep their order). */
class PlacementCollector {
  private readonly offers: OfferRef[] = []
  private readonly places = new Map<string, PlaceInfo>()
  private readonly structures = new Map<string, StructureInfo>()

  see(record: DomainRecord): void {
    if (record.type === 'offer') {
      const ref: OfferRef = { id: record.id, locationIds: record.locationIds }
      if (record.providedBy !== undefined) ref.providedBy = record.providedBy
      this.offers.push(ref)
    } else if (record.type === 'location') this.places.set(record.id, placeInfo(record))
    else if (record.type === 'organization') this.structures.set(record.id, structureInfo(record))
  }

  async writeTo(out: ChunkedOutput, centroid: CommuneCentroid | undefined): Promise<void> {
    const lookup: PlacementLookup = {
      location: (id) => this.places.get(id),
      organization: (id) => this.structures.get(id),
      ...(centroid ? { communeCentroid: centroid } : {}),
    }
    for (const offer of this.offers) await out.push('placement', resolvePlacement(offer, lookup))
    await out.flush('placement')
  }
}

/** Writes a full sync's build result, then the placements. */
export async function writeBuild(
  build: BuildResult,
  writer: SnapshotWriter,
  options: WriteOptions = {},
): Promise<void> {
  if (writer.writeChunkJson && build.jsonBytesOf && build.placementInputs) {
    return writeBuildBytes(build, writer, options)
  }
  const out = new ChunkedOutput(writer, options, factsFor(writer, build))
  const placements = new PlacementCollector()
  for (const type of RECORD_TYPES) {
    for (const record of build.recordsOf(type)) {
      placements.see(record)
      await out.push(type, record)
    }
    await out.flush(type)
  }
  await placements.writeTo(out, options.communeCentroid)
  await out.writeFacts()
}

/**
 * `writeBuild` without decoding a record: chunks are joined from the records' JSON bytes, and
 * placements computed from the inputs the builder gathered while mapping.
 */
async function writeBuildBytes(
  build: BuildResult,
  writer: SnapshotWriter,
  options: WriteOptions,
): Promise<void> {
  const size = options.chunkSize ?? CHUNK_SIZE
  const facts = build.itemsOf ? factsFor(writer, build) : undefined
  const out = new ChunkedOutput(writer, options, facts)
  for (const type of RECORD_TYPES) {
    let parts: Uint8Array[] = []
    const flush = async () => {
      if (parts.length === 0) return
      const json = joinJsonArray(parts)
      const count = parts.length
      parts = []
      await writer.writeChunkJson!(type, count, json)
      facts?.itemsChunk(type, count, out.chunks)
      out.chunks += 1
      out.written += count
      options.onChunk?.(out.written)
    }
    for (const bytes of build.jsonBytesOf!(type)) {
      parts.push(bytes)
      if (parts.length >= size) await flush()
    }
    await flush()
  }
  const inputs = build.placementInputs!()
  const lookup: PlacementLookup = {
    location: inputs.place,
    organization: inputs.structure,
    ...(options.communeCentroid ? { communeCentroid: options.communeCentroid } : {}),
  }
  for (const offer of inputs.offers) await out.push('placement', resolvePlacement(offer, lookup))
  await out.flush('placement')
  await out.writeFacts()
}

const OPEN = 0x5b
const COMMA = 0x2c
const CLOSE = 0x5d

/** `[a,b,…]` from the JSON bytes of each element. */
export function joinJsonArray(parts: readonly Uint8Array[]): Uint8Array {
  let size = 1 + parts.length
  for (const p of parts) size += p.length
  const out = new Uint8Array(Math.max(2, size))
  out[0] = OPEN
  let at = 1
  parts.forEach((p, i) => {
    if (i > 0) out[at++] = COMMA
    out.set(p, at)
    at += p.length
  })
  out[at] = CLOSE
  return out
}

/** The active snapshot is not sorted by id within each kind: a delta cannot merge into it. */
export class BaseUnsortedError extends Error {
  override name = 'BaseUnsortedError'
}

export interface MergeStats {
  added: number
  updated: number
  /** Seen in the delta with the same `lastUpdated` as stored. */
  unchanged: number
  /** Seen in the delta but hidden or invalid now: removed, as a full sync would. */
  removed: number
  kept: number
}

const RECORD_TYPE_OF: Readonly<Record<string, RecordType>> = {
  HealthcareService: 'offer',
  Organization: 'organization',
  Location: 'location',
  PractitionerRole: 'practitionerRole',
  Practitioner: 'practitioner',
}

/** `Type/id` FHIR keys → ids per record type. */
export function seenIdsByType(seen: Iterable<string>): Map<RecordType, Set<string>> {
  const out = new Map<RecordType, Set<string>>(RECORD_TYPES.map((t) => [t, new Set()]))
  for (const key of seen) {
    const slash = key.indexOf('/')
    const type = RECORD_TYPE_OF[key.slice(0, slash)]
    if (type) out.get(type)!.add(key.slice(slash + 1))
  }
  return out
}

/**
 * Merges the delta (`build`, plus `seen`: every resource the delta met) into the records of
 * `base`, writing the result. One pass over the base; its placements are recomputed.
 */
export async function writeMerge(
  base: SnapshotBase,
  build: BuildResult,
  seen: Iterable<string>,
  writer: SnapshotWriter,
  options: WriteOptions = {},
): Promise<MergeStats> {
  const out = new ChunkedOutput(writer, options, factsFor(writer, build))
  const placements = new PlacementCollector()
  const merge = new SortedMerge(
    build,
    seenIdsByType(seen),
    async (type, record) => {
      placements.see(record)
      await out.push(type, record)
    },
    (type) => out.flush(type),
  )
  const file = base.file?.reader
  if (file && isLayered(file)) {
    // An overlay: each type's live records come from several sorted layers.
    for (const type of RECORD_TYPES) {
      for (const records of layeredRecords(file, type)) await merge.baseChunk(type, records)
      await merge.finish(type)
    }
  } else {
    await base.forEachChunk(RECORD_TYPES, async (kind, records) => {
      if (kind === 'placement') return
      await merge.baseChunk(kind, records as readonly DomainRecord[])
    })
  }
  for (const type of RECORD_TYPES) await merge.finish(type)
  await placements.writeTo(out, options.communeCentroid)
  await out.writeFacts()
  return merge.stats
}

/** Merge-join of the base (sorted by id per type) with the delta's records (sorted by id). */
class SortedMerge {
  readonly stats: MergeStats = { added: 0, updated: 0, unchanged: 0, removed: 0, kept: 0 }
  private readonly delta = new Map<RecordType, DomainRecord[]>()
  private readonly cursor = new Map<RecordType, number>()
  private readonly lastId = new Map<RecordType, string>()
  private readonly finished = new Set<RecordType>()

  constructor(
    build: BuildResult,
    private readonly seen: Map<RecordType, Set<string>>,
    private readonly emit: (type: RecordType, record: DomainRecord) => Promise<void>,
    private readonly onFinished: (type: RecordType) => Promise<void>,
  ) {
    for (const type of RECORD_TYPES) {
      this.delta.set(type, [...build.recordsOf(type)])
      this.cursor.set(type, 0)
    }
  }

  /**
   * Merges one stored chunk. Chunks of different kinds may interleave (the file encoder writes
   * each kind's last, partial chunk at the end); within a kind, ids must ascend.
   */
  async baseChunk(type: RecordType, records: readonly DomainRecord[]): Promise<void> {
    const delta = this.delta.get(type)!
    const seen = this.seen.get(type)!
    let at = this.cursor.get(type)!
    for (const record of records) {
      const last = this.lastId.get(type)
      if (last !== undefined && !(last < record.id)) {
        throw new BaseUnsortedError(`${type} ${record.id} after ${last}`)
      }
      this.lastId.set(type, record.id)
      while (at < delta.length && delta[at]!.id < record.id) {
        this.stats.added += 1
        await this.emit(type, delta[at++]!)
      }
      const fresh = delta[at]
      if (fresh !== undefined && fresh.id === record.id) {
        at += 1
        if (fresh.lastUpdated === record.lastUpdated) this.stats.unchanged += 1
        else this.stats.updated += 1
        await this.emit(type, fresh)
      } else if (seen.has(record.id)) {
        this.stats.removed += 1
      } else {
        this.stats.kept += 1
        await this.emit(type, record)
      }
    }
    this.cursor.set(type, at)
  }

  /** Emits the delta's records after the last base record of `type`. */
  async finish(type: RecordType): Promise<void> {
    if (this.finished.has(type)) return
    this.finished.add(type)
    const delta = this.delta.get(type)!
    for (let at = this.cursor.get(type)!; at < delta.length; at++) {
      this.stats.added += 1
      await this.emit(type, delta[at]!)
    }
    this.cursor.set(type, delta.length)
    await this.onFinished(type)
  }
}
