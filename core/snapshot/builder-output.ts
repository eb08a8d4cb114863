/**
 * The second half of the snapshot builder: once every batch is in, decides which versions are
 * visible (real placement from the whole snapshot's access facts), narrows what the permissive
 * mapping let through (narrow.ts), and reads the kept records back in id order.
 *
 * Each batch holds its records of a type sorted by id, so reading the kept ones in id order
 * moves one cursor forward per batch: one decoded block per batch at a time, never the whole
 * snapshot's JSON. Most records come out as the bytes the mapper wrote; only those whose real
 * placement removes something are decoded, narrowed and encoded again.
 *
 * The JavaScript engine lets its heap grow in proportion to what stays alive, so the output
 * keeps little while it is read (bench `sync-browser`, national scale): the access facts (the
 * reverse lookups of every offer, place, organisation and role) only place the records and
 * are not kept; a placement is kept only for the records it narrows.
 */
import { inflateSync, strFromU8, strToU8 } from 'fflate'
import type { AccessFactsIndex } from '../ror/access-context'
import { placementOf, type Placement } from '../ror/access-policy'
import { ACCESS_RULES, PERMISSIVE_SCOPE, type PolicedElement } from '../ror/access-rules'
import { splitBlock, type MappedBatch, type MappedItem, type PackedRecords } from './batch'
import type { BuildResult, BuildStats, Kept, PlacementInputs } from './builder'
import { isHiddenRecord, narrowRecord } from './narrow'
import { RECORD_TYPES, type AccessProfile, type DomainRecord, type RecordType } from './records'
import type { OfferRef, PlaceInfo, StructureInfo } from './resolve'

/**
 * Raw DEFLATE decoder of the builder's blocks. With `into`, a host decodes into a buffer the
 * reader reuses from block to block (a view of it; undefined when the block does not fit).
 */
export type Inflate = ((bytes: Uint8Array) => Uint8Array) & {
  into?: (bytes: Uint8Array, out: Uint8Array) => Uint8Array | undefined
}

const PERMISSIVE: Placement = { hidden: false, scope: PERMISSIVE_SCOPE }
const EMPTY = new Uint8Array(0)

/**
 * Records read ahead by `jsonBytesOf`, whose narrowed ones are encoded in one call: an
 * encoding per record (a million at national scale) leaves an object in Chromium's own heap
 * each time, which only a full collection frees (bench `sync-browser`: +82 MB over the write).
 */
const NARROWED_PER_ENCODING = 256
const POLICED = Object.keys(ACCESS_RULES) as PolicedElement[]

/**
 * Whether narrowing a record mapped with the permissive placement changes nothing at
 * `placement`: every rule of the profile decides as it did under the permissive scope.
 */
export function narrowsNothing(profile: AccessProfile, placement: Placement): boolean {
  if (placement.hidden) return false
  return POLICED.every((e) => {
    const cond = ACCESS_RULES[e][profile]
    return placement.scope.holds(cond) === PERMISSIVE_SCOPE.holds(cond)
  })
}

/** The real placement of a version once the whole snapshot is known (cf. placementInContext). */
function placementIn(facts: AccessFactsIndex, item: MappedItem, p: AccessProfile): Placement {
  switch (item.type) {
    case 'offer':
      return PERMISSIVE
    case 'location':
      return placementOf(facts.offersOfLocation(item.id), p)
    case 'organization': {
      // An organisation is never hidden; its offers only open field-dependent contacts.
      const placement = placementOf(facts.offersOfOrganization(item.id), p)
      return placement.hidden ? { hidden: false, scope: placement.scope } : placement
    }
    case 'practitionerRole':
      return placementOf(
        (item.role?.offerIds ?? []).flatMap((id) => facts.offer(id) ?? []),
        p,
      )
    case 'practitioner':
      return placementOf(facts.offersOfPractitioner(item.id), p)
  }
}

/**
 * Reads one batch's records of one type forward, one decoded block at a time — into a buffer
 * of its own when the decoder can (`Inflate.into`): a block is read over thousands of records
 * (one cursor per batch, ~80 at national scale), long enough for the JavaScript engine to move
 * it to the part of its heap it collects only now and then, so a fresh buffer per block (1.75 GB
 * over a national snapshot) piled up there (bench `sync-browser`: +40 MB/s while writing).
 */
class Cursor {
  private block = -1
  private raw: Uint8Array = new Uint8Array(0)
  private records: Uint8Array[] | undefined
  private lines: string[] | undefined
  private own: Uint8Array | undefined

  constructor(
    private readonly packed: PackedRecords,
    private readonly inflate: Inflate,
  ) {}

  /** Loads the block of `slot`; the record's index in it. */
  private load(slot: number): number {
    const block = Math.floor(slot / this.packed.perBlock)
    if (block !== this.block) {
      this.block = block
      this.raw = this.decode(this.packed.blocks[block]!)
      this.records = undefined
      this.lines = undefined
    }
    return slot - block * this.packed.perBlock
  }

  private decode(packed: Uint8Array): Uint8Array {
    const into = this.inflate.into
    if (!into) return this.inflate(packed)
    this.own ??= new Uint8Array(256 << 10)
    const raw = into(packed, this.own)
    if (raw) return raw
    const whole = this.inflate(packed)
    if (whole.length >= this.own.length) {
      this.own = new Uint8Array(2 ** Math.ceil(Math.log2(whole.length + 1)))
    }
    return whole
  }

  /** The record at `slot` as the bytes the mapper wrote (valid until the next block). */
  at(slot: number): Uint8Array {
    const i = this.load(slot)
    this.records ??= splitBlock(this.raw)
    return this.records[i]!
  }

  /** The record at `slot` as JSON text; the block is decoded once, whole (as for encoding). */
  textAt(slot: number): string {
    const i = this.load(slot)
    this.lines ??= strFromU8(this.raw).split('\n')
    return this.lines[i]!
  }
}

/** Records copied one after the other into one buffer, then handed out as views of it. */
class ByteRuns {
  private bytes = new Uint8Array(512 << 10)
  private used = 0
  private readonly runs: { at: number; end: number; slot: number }[] = []

  add(record: Uint8Array, slot: number): void {
    if (this.used + record.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + record.length))
      grown.set(this.bytes.subarray(0, this.used))
      this.bytes = grown
    }
    this.bytes.set(record, this.used)
    this.runs.push({ at: this.used, end: this.used + record.length, slot })
    this.used += record.length
  }

  /** Puts each record's view at its slot of `group`. */
  placeIn(group: Uint8Array[]): void {
    for (const { at, end, slot } of this.runs) group[slot] = this.bytes.subarray(at, end)
  }
}

/** The placement reference of an offer whose record says what its access facts say. */
function refOf(item: MappedItem): OfferRef | [] {
  if (!item.offer) return []
  const ref: OfferRef = { id: item.id, locationIds: item.offer.locationIds }
  if (item.offer.organizationId !== undefined) ref.providedBy = item.offer.organizationId
  return ref
}

export class BuildOutput {
  private readonly visible = new Map<RecordType, Kept[]>()
  /**
   * Per type, in the order of `visible`: the placement to narrow each record at, undefined for
   * the records it leaves as mapped (and for the whole type when it leaves them all) — not a
   * map by record (1.2 million entries at national scale).
   */
  private readonly narrowing = new Map<RecordType, (Placement | undefined)[] | undefined>()
  private hidden = 0

  /** `facts` are read here only, not kept (see the module comment). */
  constructor(
    kept: ReadonlyMap<RecordType, ReadonlyMap<string, Kept>>,
    private readonly batches: readonly MappedBatch['records'][],
    facts: AccessFactsIndex,
    private readonly profile: AccessProfile,
    private readonly codec: { inflate?: Inflate } = {},
  ) {
    for (const type of RECORD_TYPES) {
      const list: Kept[] = []
      const narrowed = new Map<Kept, Placement>()
      for (const k of kept.get(type)?.values() ?? []) {
        if (k.slot < 0) {
          this.hidden++
          continue
        }
        const placement = placementIn(facts, k, profile)
        if (isHiddenRecord(type, profile, placement)) {
          this.hidden++
          continue
        }
        list.push(k)
        // Offers are filtered with their own facts when mapped: nothing left to narrow.
        if (type !== 'offer' && !narrowsNothing(profile, placement)) narrowed.set(k, placement)
      }
      list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      this.visible.set(type, list)
      this.narrowing.set(type, narrowed.size > 0 ? list.map((k) => narrowed.get(k)) : undefined)
    }
  }

  /**
   * The kept records of `type` as JSON bytes, narrowed, in id order. Read ahead by groups: the
   * records a group narrows are encoded together, once (see {@link NARROWED_PER_ENCODING}).
   */
  *jsonBytesOf(type: RecordType): Generator<Uint8Array> {
    const inflate: Inflate = this.codec.inflate ?? ((b: Uint8Array) => inflateSync(b))
    const cursors = new Map<number, Cursor>()
    const list = this.visible.get(type)!
    const narrowing = this.narrowing.get(type)
    for (let start = 0; start < list.length; start += NARROWED_PER_ENCODING) {
      const group: Uint8Array[] = []
      // Cursors that reuse their buffer: the records are copied out, together.
      const copied = inflate.into ? new ByteRuns() : undefined
      const narrowed: string[] = []
      const at: number[] = []
      for (let i = start; i < Math.min(list.length, start + NARROWED_PER_ENCODING); i++) {
        const k = list[i]!
        let cursor = cursors.get(k.batch)
        if (!cursor) {
          cursor = new Cursor(this.batches[k.batch]![type]!, inflate)
          cursors.set(k.batch, cursor)
        }
        const placement = narrowing?.[i]
        if (!placement) {
          const bytes = cursor.at(k.slot)
          copied?.add(bytes, group.length)
          group.push(copied ? EMPTY : bytes)
          continue
        }
        const record = JSON.parse(cursor.textAt(k.slot)) as DomainRecord
        narrowed.push(JSON.stringify(narrowRecord(record, this.profile, placement)))
        at.push(group.length)
        group.push(EMPTY)
      }
      if (narrowed.length > 0) {
        // JSON.stringify never writes a raw newline: the bytes split back into the records.
        const bytes = splitBlock(strToU8(narrowed.join('\n')))
        at.forEach((g, j) => (group[g] = bytes[j]!))
      }
      copied?.placeIn(group)
      yield* group
    }
  }

  placementInputs(): PlacementInputs {
    const offers: OfferRef[] = this.visible.get('offer')!.flatMap((k) => k.ref ?? refOf(k))
    const places = new Map<string, PlaceInfo>()
    for (const k of this.visible.get('location')!) {
      if (k.place) places.set(k.id, k.place)
    }
    const structures = new Map<string, StructureInfo>()
    for (const k of this.visible.get('organization')!) {
      if (k.structure) structures.set(k.id, k.structure)
    }
    return {
      offers,
      place: (id) => places.get(id),
      structure: (id) => structures.get(id),
    }
  }

  result(stats: Omit<BuildStats, 'counts' | 'hiddenByProfile'>): BuildResult {
    const counts = {} as Record<RecordType, number>
    for (const t of RECORD_TYPES) counts[t] = this.visible.get(t)!.length
    const jsonBytesOf = (type: RecordType) => this.jsonBytesOf(type)
    function* jsonOf(type: RecordType): Generator<string> {
      for (const bytes of jsonBytesOf(type)) yield strFromU8(bytes)
    }
    function* recordsOf(type: RecordType): Generator<DomainRecord> {
      for (const text of jsonOf(type)) yield JSON.parse(text) as DomainRecord
    }
    function* all(): Generator<DomainRecord> {
      for (const t of RECORD_TYPES) yield* recordsOf(t)
    }
    return {
      recordsOf,
      jsonOf,
      jsonBytesOf,
      placementInputs: () => this.placementInputs(),
      itemsOf: (type: RecordType) => this.visible.get(type)!,
      all,
      toArray: () => [...all()],
      stats: { ...stats, hiddenByProfile: this.hidden, counts },
    }
  }
}
