/**
 * SnapshotBuilder: FHIR resources in (any order, from many inputs, incrementally), domain
 * records out — deduplicated (latest `meta.lastUpdated` wins), validated, filtered by the
 * access profile, mapped, with counts and reasons for what was left out. Used by the CLI import
 * and by the sync engine (add pages as they arrive, `finish` at the end).
 */
import { AccessFactsIndex, offerFactsOf, type AccessContext } from '../ror/access-context'
import { filterWithPlacement, placementOf, type Placement } from '../ror/access-policy'
import { PERMISSIVE_SCOPE } from '../ror/access-rules'
import type { RorResource } from '../ror/fhir-types'
import { referenceId } from '../ror/fhir'
import { mapResource } from '../ror/map'
import { isRorResourceType, validateRorResource } from '../ror/schemas'
import type { SkippedReason } from './manifest'
import { isHiddenRecord, narrowRecord } from './narrow'
import { RECORD_TYPES, type AccessProfile, type DomainRecord, type RecordType } from './records'

export interface BuilderOptions {
  profile: AccessProfile
  /** Facts about offers outside this batch (e.g. the current snapshot, for a delta sync). */
  fallbackContext?: AccessContext
  /** How many skip reasons to keep (all are counted). Default 20. */
  maxReasons?: number
}

export interface BuildStats {
  skipped: { count: number; reasons: SkippedReason[] }
  ignored: Record<string, number>
  superseded: number
  hiddenByProfile: number
  counts: Record<RecordType, number>
}

/**
 * Result of a build. Records are read type by type, each type sorted by id (same input, same
 * output whatever the order), decoded one at a time from the compact form the builder keeps.
 * The result reads the builder's state: do not add resources while consuming it.
 */
export interface BuildResult {
  stats: BuildStats
  recordsOf(type: RecordType): Iterable<DomainRecord>
  /** The same records as JSON texts (offers without a decode/encode round trip). */
  jsonOf(type: RecordType): Iterable<string>
  /** Every record, types in RECORD_TYPES order. */
  all(): Iterable<DomainRecord>
  /** Every record in one array (small batches, tests). */
  toArray(): DomainRecord[]
}

/**
 * One resource version kept by the builder. The mapped record is stored as its JSON text: a
 * string is one heap object (cheap for the garbage collector) and about half the size of the
 * object graph — measured ~2.6 KB/resource as objects at 500k resources, with major GCs
 * dominating the run time.
 */
interface Entry {
  type: RecordType
  id: string
  lastUpdated: number
  json: string | null
  /** PractitionerRole: ids of its offers (all `healthcareService` references). */
  offerIds?: string[]
}

const RECORD_TYPE: Readonly<Record<RorResource['resourceType'], RecordType>> = {
  HealthcareService: 'offer',
  Organization: 'organization',
  Location: 'location',
  PractitionerRole: 'practitionerRole',
  Practitioner: 'practitioner',
}

/** Key of `ignored` counting Bundle entries that carry no resource. */
export const ENTRY_WITHOUT_RESOURCE = 'Bundle.entry without resource'

const byId = (a: Entry, b: Entry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Resources mapped before their offers are all known: narrowed in `finish` (narrow.ts). */
const PERMISSIVE: Placement = { hidden: false, scope: PERMISSIVE_SCOPE }

/**
 * Builds the records of one snapshot for one access profile: `add` resources as they come,
 * `finish` when all are in (see the module comment).
 */
export class SnapshotBuilder {
  private readonly entries = new Map<string, Entry>()
  private readonly facts: AccessFactsIndex
  private readonly profile: AccessProfile
  private readonly maxReasons: number
  private readonly skippedReasons: SkippedReason[] = []
  private skippedCount = 0
  private readonly ignored: Record<string, number> = {}
  private superseded = 0

  constructor(options: BuilderOptions) {
    this.profile = options.profile
    this.maxReasons = options.maxReasons ?? 20
    this.facts = new AccessFactsIndex(options.fallbackContext)
  }

  /** Records why an input item was left out (also used by readers for unreadable lines). */
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
    this.accept(result.resource)
  }

  /** Adds one `Bundle.entry` (entries without a resource, e.g. batch responses, are counted as ignored). */
  addEntry(entry: unknown, source?: string): void {
    const resource = (entry as { resource?: unknown } | null)?.resource
    if (resource === undefined) {
      this.ignored[ENTRY_WITHOUT_RESOURCE] = (this.ignored[ENTRY_WITHOUT_RESOURCE] ?? 0) + 1
    } else this.add(resource, source)
  }

  addAll(values: Iterable<unknown>, source?: string): void {
    for (const v of values) this.add(v, source)
  }

  private accept(resource: RorResource): void {
    const key = `${resource.resourceType}/${resource.id}`
    const lastUpdated = Date.parse(resource.meta?.lastUpdated ?? '')
    const existing = this.entries.get(key)
    if (existing) {
      this.superseded++
      // Latest meta.lastUpdated wins; on a tie the later input wins.
      if (existing.lastUpdated > lastUpdated) return
    }
    this.entries.set(key, this.process(resource, lastUpdated))
  }

  private process(resource: RorResource, lastUpdated: number): Entry {
    let placement = PERMISSIVE
    const entry: Entry = {
      type: RECORD_TYPE[resource.resourceType],
      id: resource.id ?? '',
      lastUpdated,
      json: null,
    }
    if (resource.resourceType === 'HealthcareService') {
      // An offer's own facts decide for it: no need to wait for the rest of the batch.
      const facts = offerFactsOf(resource)
      this.facts.addOffer(facts)
      placement = placementOf([facts], this.profile)
    } else if (
      resource.resourceType === 'Organization' ||
      resource.resourceType === 'PractitionerRole'
    ) {
      this.facts.add(resource)
      if (resource.resourceType === 'PractitionerRole') {
        entry.offerIds = (resource.healthcareService ?? []).flatMap(
          (r) => referenceId(r, 'HealthcareService') ?? [],
        )
      }
    }
    const filtered = filterWithPlacement(resource, this.profile, placement).resource
    if (filtered) entry.json = JSON.stringify(mapResource(filtered))
    return entry
  }

  /** The real placement of an entry once the whole batch is known (cf. placementInContext). */
  private placementOfEntry(entry: Entry): Placement {
    const p = this.profile
    switch (entry.type) {
      case 'offer':
        return PERMISSIVE
      case 'location':
        return placementOf(this.facts.offersOfLocation(entry.id), p)
      case 'organization':
        return {
          hidden: false,
          scope: placementOf(this.facts.offersOfOrganization(entry.id), p).scope,
        }
      case 'practitionerRole':
        return placementOf(
          (entry.offerIds ?? []).flatMap((id) => this.facts.offer(id) ?? []),
          p,
        )
      case 'practitioner':
        return placementOf(this.facts.offersOfPractitioner(entry.id), p)
    }
  }

  /** Decides what is kept, with statistics; records are decoded when read from the result. */
  finish(): BuildResult {
    const visible = new Map<RecordType, Entry[]>(RECORD_TYPES.map((t) => [t, []]))
    let hidden = 0
    for (const entry of this.entries.values()) {
      const isVisible =
        entry.json !== null &&
        !isHiddenRecord(entry.type, this.profile, this.placementOfEntry(entry))
      if (isVisible) visible.get(entry.type)!.push(entry)
      else hidden++
    }
    const counts = {} as Record<RecordType, number>
    for (const t of RECORD_TYPES) counts[t] = visible.get(t)!.sort(byId).length
    const decode = (e: Entry): DomainRecord =>
      narrowRecord(JSON.parse(e.json!) as DomainRecord, this.profile, this.placementOfEntry(e))!
    function* recordsOf(type: RecordType): Generator<DomainRecord> {
      for (const e of visible.get(type)!) yield decode(e)
    }
    function* jsonOf(type: RecordType): Generator<string> {
      // Offers are filtered with their own facts when added: nothing left to narrow.
      for (const e of visible.get(type)!)
        yield type === 'offer' ? e.json! : JSON.stringify(decode(e))
    }
    function* all(): Generator<DomainRecord> {
      for (const t of RECORD_TYPES) yield* recordsOf(t)
    }
    return {
      recordsOf,
      jsonOf,
      all,
      toArray: () => [...all()],
      stats: {
        skipped: { count: this.skippedCount, reasons: [...this.skippedReasons] },
        ignored: { ...this.ignored },
        superseded: this.superseded,
        hiddenByProfile: hidden,
        counts,
      },
    }
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
  for (const r of records) {
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
  return index
}
