/**
 * SnapshotBuilder: FHIR resources in (any order, from many inputs, incrementally), domain
 * records out — deduplicated (latest `meta.lastUpdated` wins), validated, filtered by the
 * access profile, mapped, with counts and reasons for what was left out. Used by the CLI import
 * and by the sync engine (add pages as they arrive, `finish` at the end).
 *
 * Validation and mapping happen per batch (batch.ts): resources added one by one are batched
 * here, or a host maps whole batches elsewhere (a worker thread) and hands them to `addBatch`.
 * The builder keeps, per resource, only its id, version, access facts and placement inputs;
 * the mapped records stay deflated in their batches until `finish` reads them in id order.
 */
import { AccessFactsIndex, type AccessContext } from '../ror/access-context'
import type { MappedBatch, MappedItem } from './batch'
import { BatchMapper, type Deflate } from './batch'
import { BuildOutput, type Inflate } from './builder-output'
import type { SkippedReason } from './manifest'
import type { AccessProfile, DomainRecord, RecordType } from './records'
import type { OfferRef, PlaceInfo, StructureInfo } from './resolve'

export { ENTRY_WITHOUT_RESOURCE } from './batch'

export interface BuilderOptions {
  profile: AccessProfile
  /** Facts about offers outside this batch (e.g. the current snapshot, for a delta sync). */
  fallbackContext?: AccessContext
  /** How many skip reasons to keep (all are counted). Default 20. */
  maxReasons?: number
  /** Block codec (raw DEFLATE): fflate by default; Node hosts pass node:zlib (faster). */
  deflate?: Deflate
  inflate?: Inflate
}

export interface BuildStats {
  skipped: { count: number; reasons: SkippedReason[] }
  ignored: Record<string, number>
  superseded: number
  hiddenByProfile: number
  counts: Record<RecordType, number>
}

/** What offer placements are computed from (resolve.ts), for the records kept. */
export interface PlacementInputs {
  /** Offers in record order. */
  offers: readonly OfferRef[]
  place(locationId: string): PlaceInfo | undefined
  structure(organizationId: string): StructureInfo | undefined
}

/**
 * Result of a build. Records are read type by type, each type sorted by id (same input, same
 * output whatever the order), decoded one at a time from the compact form the builder keeps.
 * The result reads the builder's state: do not add resources while consuming it.
 */
export interface BuildResult {
  stats: BuildStats
  recordsOf(type: RecordType): Iterable<DomainRecord>
  /** The same records as JSON texts. */
  jsonOf(type: RecordType): Iterable<string>
  /** The same records as UTF-8 JSON bytes (no decoding at all for most records). */
  jsonBytesOf?(type: RecordType): Iterable<Uint8Array>
  /** Placement inputs of the records kept, gathered while mapping. */
  placementInputs?(): PlacementInputs
  /** What the builder kept of each record of `type`, in the same (id) order as the records. */
  itemsOf?(type: RecordType): readonly Kept[]
  /** Every record, types in RECORD_TYPES order. */
  all(): Iterable<DomainRecord>
  /** Every record in one array (small batches, tests). */
  toArray(): DomainRecord[]
}

/** The version of a resource the builder keeps: where its record is, and what it tells. */
export type Kept = MappedItem & { batch: number }

/** Resources added one at a time are mapped in batches of this size. */
const BATCH_SIZE = 4096

/**
 * Builds the records of one snapshot for one access profile: `add` resources (or `addBatch`
 * mapped batches) as they come, `finish` when all are in (see the module comment).
 */
export class SnapshotBuilder {
  private readonly kept = new Map<RecordType, Map<string, Kept>>()
  private readonly batches: MappedBatch['records'][] = []
  private readonly facts: AccessFactsIndex
  private readonly profile: AccessProfile
  private readonly maxReasons: number
  private readonly mapper: BatchMapper
  private readonly skippedReasons: SkippedReason[] = []
  private skippedCount = 0
  private readonly ignored: Record<string, number> = {}
  private superseded = 0

  constructor(private readonly options: BuilderOptions) {
    this.profile = options.profile
    this.maxReasons = options.maxReasons ?? 20
    this.facts = new AccessFactsIndex(options.fallbackContext)
    this.mapper = new BatchMapper(options.profile, this.maxReasons, options.deflate)
  }

  /** Records why an input item was left out (also used by readers for unreadable lines). */
  skip(reason: SkippedReason): void {
    this.skippedCount++
    if (this.skippedReasons.length < this.maxReasons) this.skippedReasons.push(reason)
  }

  /** Adds one parsed JSON value: a ROR resource, a Bundle (its entries), or anything else. */
  add(value: unknown, source?: string): void {
    this.mapper.add(value, source)
    if (this.mapper.size >= BATCH_SIZE) this.flushMapper()
  }

  /** Adds one `Bundle.entry` (entries without a resource, e.g. batch responses, are counted as ignored). */
  addEntry(entry: unknown, source?: string): void {
    this.mapper.addEntry(entry, source)
    if (this.mapper.size >= BATCH_SIZE) this.flushMapper()
  }

  addAll(values: Iterable<unknown>, source?: string): void {
    for (const v of values) this.add(v, source)
  }

  private flushMapper(): void {
    this.merge(this.mapper.seal())
  }

  /** Adds a batch mapped elsewhere (batch.ts); batches count in the order they are added. */
  addBatch(batch: MappedBatch): void {
    this.flushMapper()
    this.merge(batch)
  }

  private merge(batch: MappedBatch): void {
    this.skippedCount += batch.skipped.count
    for (const r of batch.skipped.reasons) {
      if (this.skippedReasons.length < this.maxReasons) this.skippedReasons.push(r)
    }
    for (const [k, n] of Object.entries(batch.ignored)) this.ignored[k] = (this.ignored[k] ?? 0) + n
    if (batch.items.length === 0) return
    const index = this.batches.length
    this.batches.push(batch.records)
    for (const item of batch.items) this.accept(item, index)
  }

  private accept(item: MappedItem, batch: number): void {
    let ofType = this.kept.get(item.type)
    if (!ofType) this.kept.set(item.type, (ofType = new Map()))
    const existing = ofType.get(item.id)
    if (existing) {
      this.superseded++
      // Latest meta.lastUpdated wins; on a tie the later input wins.
      if (existing.lastUpdated > item.lastUpdated) return
    }
    item.batch = batch
    if (item.offer) {
      // One copy of the id strings (a structured clone from a worker copies each occurrence),
      // and no placement reference when the access facts say the same (builder-output.ts).
      item.offer.id = item.id
      const { ref, offer } = item
      if (ref && ref.locationIds === offer.locationIds && ref.providedBy === offer.organizationId) {
        // (Not `delete`: that would turn the object into a slower, larger dictionary.)
        item.ref = undefined
      }
    }
    ofType.set(item.id, item as Kept)
  }

  /**
   * The access facts of the versions kept (offers, organisation parents, roles). Built only at
   * `finish` — the index is ~365 MB at national scale, better not held while units are mapped —
   * from the last version of each resource, which is what feeding every accepted version in
   * order leaves in it.
   */
  private learnFacts(): void {
    for (const item of this.kept.get('offer')?.values() ?? []) {
      if (item.offer) this.facts.addOffer(item.offer)
    }
    for (const item of this.kept.get('organization')?.values() ?? []) {
      if (item.id && item.parent !== undefined)
        this.facts.setParent(item.id, item.parent ?? undefined)
    }
    for (const item of this.kept.get('practitionerRole')?.values() ?? []) {
      if (item.id && item.role) {
        this.facts.setRole(item.id, item.role.practitionerId, item.role.offerIds)
      }
    }
  }

  /** Decides what is kept, with statistics; records are decoded when read from the result. */
  finish(): BuildResult {
    this.flushMapper()
    this.learnFacts()
    const output = new BuildOutput(this.kept, this.batches, this.facts, this.profile, {
      ...(this.options.inflate ? { inflate: this.options.inflate } : {}),
    })
    return output.result({
      skipped: { count: this.skippedCount, reasons: [...this.skippedReasons] },
      ignored: { ...this.ignored },
      superseded: this.superseded,
    })
  }
}

/**
 * An access context from the records of an existing snapshot (offers, roles, organisations),
 * to use as `fallbackContext` when a delta batch does not contain every offer. Sensitive offers
 * are absent from snapshots of profiles other than 1, so their places cannot be recognised from
 * the snapshot alone: delta queries should include the offers (`_revinclude`, notes §5.5).
 */
export function accessContextFromRecords(records: Iterable<DomainRecord>): AccessFactsIndex {
  const index = new AccessFactsIndex()
  for (const r of records) addAccessFacts(index, r)
  return index
}

/** The access facts a stored record carries (offer field, sensitivity, parents, roles). */
export function addAccessFacts(index: AccessFactsIndex, r: DomainRecord): void {
  if (r.type === 'offer') {
    index.addOffer({
      id: r.id,
      ...(r.field === undefined ? {} : { field: r.field }),
      isSensitive: r.isSensitive === true,
      locationIds: r.locationIds,
      ...(r.providedBy === undefined ? {} : { organizationId: r.providedBy }),
    })
  } else if (r.type === 'organization') index.setParent(r.id, r.partOf)
  else if (r.type === 'practitionerRole') {
    index.setRole(r.id, r.practitionerId, r.offerId === undefined ? [] : [r.offerId])
  }
}
