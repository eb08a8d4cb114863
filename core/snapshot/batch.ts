/**
 * The first half of the snapshot builder, for one batch of resources (an `$export` output file,
 * a delta page, a slice of an import): validation, access policy with what the resource alone
 * tells (offers) or a permissive placement (the others, narrowed once the whole snapshot is
 * known — narrow.ts), mapping. Its output is self-contained and structured-cloneable, so a host
 * may run it in a worker thread (core/sync/units.ts) while the builder merges batches in order.
 *
 * Mapped records are kept as JSON, sorted by id within each type and packed in small deflated
 * blocks: the builder then holds ~1/9 of the JSON size (1.75 GB of records at national scale)
 * and reads them back in id order with one cursor per batch (builder-output.ts).
 */
import { deflateSync, strToU8 } from 'fflate'
import { offerFactsOf, type OfferFacts } from '../ror/access-context'
import { filterWithPlacement, placementOf, type Placement } from '../ror/access-policy'
import { PERMISSIVE_SCOPE } from '../ror/access-rules'
import type { RorResource } from '../ror/fhir-types'
import { referenceId } from '../ror/fhir'
import { mapResource } from '../ror/map'
import { isRorResourceType, validateRorResource } from '../ror/schemas'
import type { SkippedReason } from './manifest'
import {
  RECORD_TYPES,
  type AccessProfile,
  type DomainRecord,
  type LocationRecord,
  type OrganizationRecord,
  type RecordType,
} from './records'
import {
  placeInfo,
  structureInfo,
  type OfferRef,
  type PlaceInfo,
  type StructureInfo,
} from './resolve'

/** One resource version of a batch, with what the builder needs without reading its record. */
export interface MappedItem {
  type: RecordType
  id: string
  lastUpdated: number
  /** Index of its record in the batch's records of `type` (sorted by id); -1 when filtered out. */
  slot: number
  /** Set by the builder: the batch the item came in. */
  batch?: number
  /** HealthcareService: its access facts (decide for its places, roles and people). */
  offer?: OfferFacts
  /** Organization: its `partOf` (null when none). */
  parent?: string | null
  /** PractitionerRole: its practitioner and offers. */
  role?: { practitionerId?: string; offerIds: string[] }
  /**
   * Placement inputs (resolve.ts), from the mapped record. `ref` only when it differs from
   * what `offer` says (its locations and `providedBy`).
   */
  ref?: OfferRef | undefined
  place?: PlaceInfo
  structure?: StructureInfo
}

/** Records of one type, `count` per block, each block the deflated records joined by '\n'. */
export interface PackedRecords {
  count: number
  perBlock: number
  blocks: Uint8Array[]
}

export interface MappedBatch {
  items: MappedItem[]
  records: Partial<Record<RecordType, PackedRecords>>
  skipped: { count: number; reasons: SkippedReason[] }
  ignored: Record<string, number>
}

/** Raw DEFLATE of a block (fflate by default; Node hosts pass node:zlib, ~5× faster). */
export type Deflate = (raw: Uint8Array) => Uint8Array

const fflateDeflate: Deflate = (raw) => deflateSync(raw, { level: 1 })

/** Records per packed block: small enough that one decoded block per batch stays cheap. */
const PER_BLOCK = 128
const NEWLINE = 0x0a

const RECORD_TYPE: Readonly<Record<RorResource['resourceType'], RecordType>> = {
  HealthcareService: 'offer',
  Organization: 'organization',
  Location: 'location',
  PractitionerRole: 'practitionerRole',
  Practitioner: 'practitioner',
}

/** Key of `ignored` counting Bundle entries that carry no resource. */
export const ENTRY_WITHOUT_RESOURCE = 'Bundle.entry without resource'

/** Resources mapped before their offers are all known: narrowed in `finish` (narrow.ts). */
const PERMISSIVE: Placement = { hidden: false, scope: PERMISSIVE_SCOPE }

export class BatchMapper {
  private items: MappedItem[] = []
  private pending = new Map<RecordType, { id: string; seq: number; json: string }[]>()
  private skippedCount = 0
  private skippedReasons: SkippedReason[] = []
  private ignored: Record<string, number> = {}

  constructor(
    private readonly profile: AccessProfile,
    private readonly maxReasons = 20,
    private readonly deflate: Deflate = fflateDeflate,
  ) {}

  get size(): number {
    return this.items.length
  }

  skip(reason: SkippedReason): void {
    this.skippedCount++
    if (this.skippedReasons.length < this.maxReasons) this.skippedReasons.push(reason)
  }

  /** Adds one parsed JSON value: a ROR resource, a Bundle (its entries), or anything else. */
  add(value: unknown, source?: string): void {
    const type = (value as { resourceType?: unknown } | null)?.resourceType
    if (type === 'Bundle') {
      const entries = (value as { entry?: unknown }).entry
      if (Array.isArray(entries)) for (const e of entries) this.addEntry(e, source)
      return
    }
    if (typeof type === 'string' && type !== '' && !isRorResourceType(type)) {
      this.ignored[type] = (this.ignored[type] ?? 0) + 1
      return
    }
    const result = validateRorResource(value)
    if (!result.ok) {
      this.skip(source === undefined ? result.reason : { ...result.reason, source })
      return
    }
    this.map(result.resource)
  }

  /** Adds one `Bundle.entry` (entries without a resource are counted as ignored). */
  addEntry(entry: unknown, source?: string): void {
    const resource = (entry as { resource?: unknown } | null)?.resource
    if (resource === undefined) {
      this.ignored[ENTRY_WITHOUT_RESOURCE] = (this.ignored[ENTRY_WITHOUT_RESOURCE] ?? 0) + 1
    } else this.add(resource, source)
  }

  private map(resource: RorResource): void {
    const item: MappedItem = {
      type: RECORD_TYPE[resource.resourceType],
      id: resource.id ?? '',
      lastUpdated: Date.parse(resource.meta?.lastUpdated ?? ''),
      slot: -1,
    }
    let placement = PERMISSIVE
    if (resource.resourceType === 'HealthcareService') {
      // An offer's own facts decide for it: no need to wait for the rest of the snapshot.
      item.offer = offerFactsOf(resource)
      placement = placementOf([item.offer], this.profile)
    } else if (resource.resourceType === 'Organization') {
      item.parent = referenceId(resource.partOf, 'Organization') ?? null
    } else if (resource.resourceType === 'PractitionerRole') {
      const practitionerId = referenceId(resource.practitioner, 'Practitioner')
      item.role = {
        offerIds: (resource.healthcareService ?? []).flatMap(
          (r) => referenceId(r, 'HealthcareService') ?? [],
        ),
        ...(practitionerId === undefined ? {} : { practitionerId }),
      }
    }
    const filtered = filterWithPlacement(resource, this.profile, placement).resource
    if (filtered) {
      const record = mapResource(filtered)
      placementInputs(item, record)
      let list = this.pending.get(item.type)
      if (!list) this.pending.set(item.type, (list = []))
      list.push({ id: item.id, seq: this.items.length, json: JSON.stringify(record) })
    }
    this.items.push(item)
  }

  /** The batch so far; the mapper starts a new one. */
  seal(): MappedBatch {
    const records: MappedBatch['records'] = {}
    for (const type of RECORD_TYPES) {
      const list = this.pending.get(type)
      if (!list || list.length === 0) continue
      // By id, then input order (a resource twice in a batch keeps both; the builder picks).
      list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.seq - b.seq))
      const blocks: Uint8Array[] = []
      for (let at = 0; at < list.length; at += PER_BLOCK) {
        const part = list.slice(at, at + PER_BLOCK)
        part.forEach((r, i) => (this.items[r.seq]!.slot = at + i))
        blocks.push(this.deflate(strToU8(part.map((r) => r.json).join('\n'))))
      }
      records[type] = { count: list.length, perBlock: PER_BLOCK, blocks }
    }
    const batch: MappedBatch = {
      items: this.items,
      records,
      skipped: { count: this.skippedCount, reasons: this.skippedReasons },
      ignored: this.ignored,
    }
    this.items = []
    this.pending = new Map()
    this.skippedCount = 0
    this.skippedReasons = []
    this.ignored = {}
    return batch
  }
}

/** What placement reads from a record (resolve.ts), unchanged by narrowing. */
function placementInputs(item: MappedItem, record: DomainRecord): void {
  if (record.type === 'offer') {
    // Usually what the access facts say already: then no reference at all (the builder reads
    // the facts; 393 k offers at national scale).
    const facts = item.offer
    const same =
      facts !== undefined &&
      facts.organizationId === record.providedBy &&
      facts.locationIds.length === record.locationIds.length &&
      facts.locationIds.every((id, i) => id === record.locationIds[i])
    if (same) return
    item.ref = { id: record.id, locationIds: record.locationIds }
    if (record.providedBy !== undefined) item.ref.providedBy = record.providedBy
  } else if (record.type === 'location') item.place = placeInfo(record as LocationRecord)
  else if (record.type === 'organization') {
    item.structure = structureInfo(record as OrganizationRecord)
  }
}

/** Splits a decoded block into its records' bytes (JSON never holds a raw newline). */
export function splitBlock(raw: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = []
  let from = 0
  for (;;) {
    const end = raw.indexOf(NEWLINE, from)
    if (end < 0) {
      out.push(raw.subarray(from))
      return out
    }
    out.push(raw.subarray(from, end))
    from = end + 1
  }
}
