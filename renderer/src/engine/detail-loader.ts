/**
 * The detail panel's records, read on demand: the locator (core/snapshot/locator.ts) says
 * which chunks hold the offer, its organisations, places, placement and professionals; only
 * those chunks are read and decoded (a few recent ones are cached). The engine so keeps the
 * search index in memory, not every record of the snapshot. Siblings (the other offers of the
 * same structure) come from the index, which already relates offers to structures.
 */
import { Locator } from '../../../core/snapshot/locator'
import type { SnapshotManifest } from '../../../core/snapshot/manifest'
import type {
  DomainRecord,
  OfferRecord,
  OrganizationRecord,
  PractitionerRoleRecord,
  ResolvedPlacement,
} from '../../../core/snapshot/records'
import type { StoredChunkRecord } from '../../../core/snapshot/chunk'
import type { SearchIndex } from '../../../core/search/types'
import type { SlotId } from '../storage/db'
import type { SnapshotRepository } from '../storage/snapshots'
import { MAX_CHAIN, RecordCatalog } from './catalog'
import type { OfferDetail } from './protocol'

/** Decoded chunks kept for the next details (the same structure's offers are usually close). */
const CACHED_CHUNKS = 24

type Sibling = OfferDetail['siblings'][number]

export class DetailLoader {
  private locator: Promise<Locator> | undefined
  private readonly cache = new Map<number, StoredChunkRecord[]>()

  constructor(
    private readonly repo: SnapshotRepository,
    private readonly slot: SlotId,
    private readonly manifest: SnapshotManifest,
  ) {}

  async detail(offerId: string, index: SearchIndex): Promise<OfferDetail | null> {
    const [offer] = await this.find<OfferRecord>(`offer:${offerId}`, (r) => r.id === offerId)
    if (!offer) return null
    const records: (DomainRecord | ResolvedPlacement)[] = [offer]
    let orgId = offer.providedBy
    for (let depth = 0; orgId && depth < MAX_CHAIN; depth++) {
      const id: string = orgId
      const [org] = await this.find<OrganizationRecord>(`organization:${id}`, (r) => r.id === id)
      if (!org || records.includes(org)) break
      records.push(org)
      orgId = org.partOf
    }
    for (const id of offer.locationIds) {
      records.push(...(await this.find<DomainRecord>(`location:${id}`, (r) => r.id === id)))
    }
    const byOffer = (r: { offerId?: string }) => r.offerId === offerId
    records.push(...(await this.find<ResolvedPlacement>(`placement@${offerId}`, byOffer)))
    const roles = await this.find<PractitionerRoleRecord>(`practitionerRole@${offerId}`, byOffer)
    records.push(...roles)
    for (const id of new Set(roles.flatMap((role) => role.practitionerId ?? []))) {
      records.push(...(await this.find<DomainRecord>(`practitioner:${id}`, (r) => r.id === id)))
    }
    return new RecordCatalog(records).detail(offerId, this.manifest, siblingsOf(index, offerId))
  }

  /** Records with `key` (the locator may point at extra chunks; `is` keeps the right ones). */
  private async find<R>(key: string, is: (record: R) => boolean): Promise<R[]> {
    this.locator ??= this.repo.locator(this.slot).then((table) => new Locator(table))
    const seqs = (await this.locator).chunksOf(key)
    const missing = seqs.filter((seq) => !this.cache.has(seq))
    for (const chunk of await this.repo.readChunks(this.slot, missing)) {
      this.cache.set(chunk.seq, chunk.records)
    }
    const out: R[] = []
    for (const seq of seqs) {
      const records = this.cache.get(seq) ?? []
      // Most recently used last; the oldest go first.
      this.cache.delete(seq)
      this.cache.set(seq, records)
      for (const record of records) if (is(record as R)) out.push(record as R)
    }
    for (const seq of this.cache.keys()) {
      if (this.cache.size <= CACHED_CHUNKS) break
      this.cache.delete(seq)
    }
    return out
  }
}

/**
 * The other offers of the offer's structure in the index, by name: same EG, or — for offers
 * hanging directly off their EJ, as RecordCatalog does — same EJ and no EG.
 */
export function siblingsOf(index: SearchIndex, offerId: string): Sibling[] {
  const row = index.offerIds.indexOf(offerId)
  if (row < 0) return []
  const eg = index.structure[row] ?? -1
  const ej = index.legalEntity[row] ?? -1
  const column = eg >= 0 ? index.structure : index.legalEntity
  const target = eg >= 0 ? eg : ej
  if (target < 0) return []
  const out: Sibling[] = []
  const { offsets, values } = index.offerActivities
  for (let r = 0; r < index.size; r++) {
    if (r === row || column[r] !== target || (eg < 0 && (index.structure[r] ?? -1) >= 0)) continue
    const activities: string[] = []
    for (let k = offsets[r] ?? 0; k < (offsets[r + 1] ?? 0); k++) {
      activities.push(index.activityCodes.values[values[k] ?? 0] ?? '')
    }
    out.push({ id: index.offerIds[r] ?? '', name: index.names[r] ?? '', activities })
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'fr'))
}
