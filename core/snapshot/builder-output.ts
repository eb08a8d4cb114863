/**
 * The second half of the snapshot builder: once every batch is in, decides which versions are
 * visible (real placement from the whole snapshot's access facts), narrows what the permissive
 * mapping let through (narrow.ts), and reads the kept records back in id order.
 *
 * Each batch holds its records of a type sorted by id, so reading the kept ones in id order
 * moves one cursor forward per batch: one decoded block per batch at a time, never the whole
 * snapshot's JSON. Most records come out as the bytes the mapper wrote; only those whose real
 * placement removes something are decoded, narrowed and encoded again.
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

/** Raw DEFLATE decoder of the builder's blocks. */
export type Inflate = (bytes: Uint8Array) => Uint8Array

const PERMISSIVE: Placement = { hidden: false, scope: PERMISSIVE_SCOPE }
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

/** Reads one batch's records of one type forward, one decoded block at a time. */
class Cursor {
  private block = -1
  private records: Uint8Array[] = []

  constructor(
    private readonly packed: PackedRecords,
    private readonly inflate: Inflate,
  ) {}

  at(slot: number): Uint8Array {
    const block = Math.floor(slot / this.packed.perBlock)
    if (block !== this.block) {
      this.block = block
      this.records = splitBlock(this.inflate(this.packed.blocks[block]!))
    }
    return this.records[slot - block * this.packed.perBlock]!
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
  /** The placement of each visible non-offer record, computed once (visibility, narrowing). */
  private readonly placements = new Map<Kept, Placement>()
  private hidden = 0

  constructor(
    kept: ReadonlyMap<RecordType, ReadonlyMap<string, Kept>>,
    private readonly batches: readonly MappedBatch['records'][],
    private readonly facts: AccessFactsIndex,
    private readonly profile: AccessProfile,
    private readonly codec: { inflate?: Inflate } = {},
  ) {
    for (const type of RECORD_TYPES) {
      const list: Kept[] = []
      for (const k of kept.get(type)?.values() ?? []) {
        if (k.slot < 0) {
          this.hidden++
          continue
        }
        const placement = type === 'offer' ? PERMISSIVE : this.placementOf(k)
        if (isHiddenRecord(type, profile, placement)) {
          this.hidden++
          continue
        }
        list.push(k)
        if (type !== 'offer') this.placements.set(k, placement)
      }
      list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      this.visible.set(type, list)
    }
  }

  /** The real placement of a version once the whole snapshot is known (cf. placementInContext). */
  private placementOf(item: MappedItem): Placement {
    const p = this.profile
    switch (item.type) {
      case 'offer':
        return PERMISSIVE
      case 'location':
        return placementOf(this.facts.offersOfLocation(item.id), p)
      case 'organization':
        return {
          hidden: false,
          scope: placementOf(this.facts.offersOfOrganization(item.id), p).scope,
        }
      case 'practitionerRole':
        return placementOf(
          (item.role?.offerIds ?? []).flatMap((id) => this.facts.offer(id) ?? []),
          p,
        )
      case 'practitioner':
        return placementOf(this.facts.offersOfPractitioner(item.id), p)
    }
  }

  /** The kept records of `type` as JSON bytes, narrowed, in id order. */
  *jsonBytesOf(type: RecordType): Generator<Uint8Array> {
    const inflate = this.codec.inflate ?? ((b: Uint8Array) => inflateSync(b))
    const cursors = new Map<number, Cursor>()
    for (const k of this.visible.get(type)!) {
      let cursor = cursors.get(k.batch)
      if (!cursor) {
        cursor = new Cursor(this.batches[k.batch]![type]!, inflate)
        cursors.set(k.batch, cursor)
      }
      const bytes = cursor.at(k.slot)
      // Offers are filtered with their own facts when mapped: nothing left to narrow.
      const placement = type === 'offer' ? PERMISSIVE : this.placements.get(k)!
      if (type === 'offer' || narrowsNothing(this.profile, placement)) {
        yield bytes
        continue
      }
      const record = JSON.parse(strFromU8(bytes)) as DomainRecord
      yield strToU8(JSON.stringify(narrowRecord(record, this.profile, placement)))
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
