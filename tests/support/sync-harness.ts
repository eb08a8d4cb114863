/**
 * Test support for the sync: a small local ROR sandbox over real HTTP, sync options for it,
 * fast retry timings, and record-by-record comparison of snapshots.
 */
import { SnapshotReader, recordIdOf } from '../../core/snapshot/codec'
import type { AccessProfile } from '../../core/snapshot/records'
import type { SyncOptions } from '../../core/sync/engine'
import { FetchTransport } from '../../core/sync/fetch-transport'
import type { RetryPolicy } from '../../core/sync/retry'
import type { SnapshotStore, StoredRecord } from '../../core/sync/snapshot-store'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../tools/ror-sandbox/server'
import { raw } from '../../tools/ror-sandbox/test-client'

/** Retries without the production waits, so fault tests stay fast. */
export const FAST_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 5,
  maxDelayMs: 40,
  maxRetryAfterMs: 10_000,
}

/** A sandbox of ~400 offers, export ready at once; override anything. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ scale: { eg: 120 }, seed: 1, exportDelayMs: 0, ...options })
}

/** Options for `runSync` against `sandbox` with `profil-<profile>` and its secret. */
export function sandboxSync(
  sandbox: Sandbox,
  profile: AccessProfile,
  store: SnapshotStore,
  extra: Partial<SyncOptions> = {},
): SyncOptions {
  return {
    server: {
      fhirBase: sandbox.fhirBase,
      tokenUrl: sandbox.tokenUrl,
      clientId: `profil-${profile}`,
      clientSecret: 'sandbox',
      usesCertificate: false,
    },
    profile,
    transport: new FetchTransport({ idleTimeoutMs: 5000 }),
    store,
    retry: FAST_RETRY,
    ...extra,
  }
}

/** Records of a snapshot file by `kind/id` (placements by offer id). */
export function recordsOf(bytes: Uint8Array | null): Map<string, StoredRecord> {
  const out = new Map<string, StoredRecord>()
  if (bytes === null) return out
  const reader = new SnapshotReader(bytes)
  reader.header.chunks.forEach((info, i) => {
    for (const r of reader.chunk(i)) {
      const id = recordIdOf(r)
      // A key read twice would be a superseded record left live by a delta's overlay.
      if (out.has(`${info.kind}/${id}`)) throw new Error(`${info.kind}/${id} read twice`)
      out.set(`${info.kind}/${id}`, r)
    }
  })
  return out
}

export interface SnapshotDiff {
  onlyInA: string[]
  onlyInB: string[]
  different: string[]
}

export function diffRecords(
  a: Map<string, StoredRecord>,
  b: Map<string, StoredRecord>,
): SnapshotDiff {
  const onlyInA = [...a.keys()].filter((k) => !b.has(k)).sort()
  const onlyInB = [...b.keys()].filter((k) => !a.has(k)).sort()
  const different = [...a.keys()]
    .filter((k) => b.has(k) && JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)))
    .sort()
  return { onlyInA, onlyInB, different }
}

/** Counts per record kind from a sandbox's `/$sandbox/stats` for one profile. */
export async function sandboxCounts(
  sandbox: Sandbox,
  profile: AccessProfile,
  tls?: { ca: Buffer },
) {
  const res = await raw(`${sandbox.url}/$sandbox/stats`, tls ? { tls } : {})
  const stats = JSON.parse(res.body) as { byProfile: Record<string, Record<string, number>> }
  const c = stats.byProfile[String(profile)]!
  return {
    offer: c.HealthcareService,
    organization: c.Organization,
    location: c.Location,
    practitionerRole: c.PractitionerRole,
    practitioner: c.Practitioner,
  }
}

export interface Mutation {
  at: string
  changedKeys: string[]
  deletedKeys: string[]
}

export async function mutate(sandbox: Sandbox, changes: number, now?: Date): Promise<Mutation> {
  const res = await fetch(`${sandbox.url}/$sandbox/mutate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ changes, ...(now ? { now: now.toISOString() } : {}) }),
  })
  if (!res.ok) throw new Error(`mutate: ${res.status} ${await res.text()}`)
  return (await res.json()) as Mutation
}

const KIND_OF: Record<string, string> = {
  HealthcareService: 'offer',
  Organization: 'organization',
  Location: 'location',
  PractitionerRole: 'practitionerRole',
  Practitioner: 'practitioner',
}

/** `HealthcareService/1` → `offer/1` (and its placement for an offer). */
export function recordKeys(fhirKey: string): string[] {
  const [type, id] = fhirKey.split('/') as [string, string]
  const kind = KIND_OF[type]!
  return kind === 'offer' ? [`offer/${id}`, `placement/${id}`] : [`${kind}/${id}`]
}

/**
 * What a delta may keep that a full sync drops, since deletions are invisible to deltas
 * (ROR-FHIR-NOTES §5.5): the deleted resources, and the records that were linked to them in
 * the snapshot before the sync (organisations or places left with no offer, placements).
 */
export function deletionShadow(
  before: Map<string, StoredRecord>,
  deletedFhirKeys: readonly string[],
): Set<string> {
  const shadow = new Set(deletedFhirKeys.flatMap(recordKeys))
  for (const key of deletedFhirKeys.filter((k) => k.startsWith('HealthcareService/'))) {
    const offer = before.get(`offer/${key.split('/')[1]}`) as
      { providedBy?: string; locationIds?: string[] } | undefined
    let org = offer?.providedBy
    while (org !== undefined && !shadow.has(`organization/${org}`)) {
      shadow.add(`organization/${org}`)
      org = (before.get(`organization/${org}`) as { partOf?: string } | undefined)?.partOf
    }
    for (const loc of offer?.locationIds ?? []) shadow.add(`location/${loc}`)
  }
  return shadow
}

/** Ids referenced by the records of a snapshot (offer → org, places; org → parent; role → person). */
function referencedKeys(records: Map<string, StoredRecord>): Set<string> {
  const out = new Set<string>()
  for (const r of records.values()) {
    if (!('type' in r)) continue
    if (r.type === 'offer') {
      if (r.providedBy) out.add(`organization/${r.providedBy}`)
      for (const l of r.locationIds) out.add(`location/${l}`)
    } else if (r.type === 'organization' && r.partOf) out.add(`organization/${r.partOf}`)
    else if (r.type === 'location' && r.managingOrganization) {
      out.add(`organization/${r.managingOrganization}`)
    } else if (r.type === 'practitionerRole' && r.practitionerId) {
      out.add(`practitioner/${r.practitionerId}`)
    }
  }
  return out
}

/**
 * Checks that a snapshot kept up to date by deltas (`synced`) holds what a fresh full sync
 * (`full`) holds. Deltas cannot see deletions (ROR-FHIR-NOTES §5.5), so `synced` may also keep:
 * the deleted resources, records nothing in `full` refers to any more (an organisation or a
 * place left without offers), and records near a deleted resource (`shadow`) narrowed
 * differently — but never a different version (`lastUpdated`) of a record.
 */
export function expectConverged(
  synced: Map<string, StoredRecord>,
  full: Map<string, StoredRecord>,
  deletedFhirKeys: Iterable<string>,
  shadow: ReadonlySet<string>,
): string[] {
  const deleted = new Set([...deletedFhirKeys].flatMap(recordKeys))
  const referenced = referencedKeys(full)
  const diff = diffRecords(synced, full)
  const problems: string[] = diff.onlyInB.map((k) => `missing ${k}`)
  for (const key of diff.onlyInA) {
    const isPlacementOfDeleted =
      key.startsWith('placement/') && deleted.has(`offer/${key.slice(10)}`)
    if (!deleted.has(key) && !isPlacementOfDeleted && referenced.has(key)) {
      problems.push(`kept ${key}`)
    }
  }
  for (const key of diff.different) {
    const a = synced.get(key) as { lastUpdated?: string }
    const b = full.get(key) as { lastUpdated?: string }
    if (a.lastUpdated !== b.lastUpdated || !shadow.has(key)) problems.push(`differs ${key}`)
  }
  return problems
}
