/**
 * FHIR search-type and read interactions (ROR-FHIR-NOTES §5.2–§5.4): `searchset` Bundles with
 * `total` (resources hidden by the access policy are not counted), `self` / `next` links and
 * keyset paging. Matches are ordered by id and the next link carries the last id served, so a
 * page token stays valid across mutations: no duplicates, and nothing that existed during the
 * whole paging is skipped. A result set above the cap (10,000 on the real ROR) is refused with
 * an OperationOutcome so that the client splits its query (by region or time window).
 */
import { randomUUID } from 'node:crypto'
import type { AccessProfile } from '../../core/snapshot/records'
import type { GeneratedStore, RorResourceType } from '../generate/store-types'
import type { AccessView } from './access'
import { BundleWriter } from './bundle-writer'
import { SandboxHttpError } from './http-util'
import { includedBy, type Ref } from './includes'
import { matchesBound, type SearchQuery } from './search-params'
import type { Reply } from './reply'
import type { UpdatedIndex } from './updated-index'

export interface SearchContext {
  store: GeneratedStore
  access: AccessView
  resultCap: number
  /** Narrows `_lastUpdated` searches; without it every resource of the type is scanned. */
  updated?: UpdatedIndex
}

/**
 * Ids of the resources matching the query's filters, before the access policy, in no
 * particular order (the search sorts them). With `updated`, a `_lastUpdated` search only tests
 * the resources the index returns instead of every resource of the type: same result.
 */
export function collectCandidates(
  store: GeneratedStore,
  query: SearchQuery,
  updated?: UpdatedIndex,
): string[] {
  const { type } = query
  let pool: readonly string[]
  if (query.ids.length > 0) {
    const [first, ...rest] = query.ids
    const others = rest.map((list) => new Set(list))
    pool = [...new Set(first)].filter(
      (id) => others.every((set) => set.has(id)) && store.has(type, id),
    )
  } else if (updated && query.lastUpdated.length > 0) {
    pool = updated.candidates(type, query.lastUpdated)
  } else {
    pool = store.ids(type)
  }
  const identifierSets = query.identifiers.map((list) => new Set(list))
  return pool.filter((id) => {
    if (query.lastUpdated.length > 0) {
      const ms = store.lastUpdatedMs(type, id)
      if (!query.lastUpdated.every((bound) => matchesBound(ms, bound))) return false
    }
    if (query.regions.length > 0) {
      const region = store.region(type, id)
      if (!query.regions.every((codes) => codes.includes(region))) return false
    }
    if (identifierSets.length > 0) {
      const values = store.identifierValues(type, id)
      if (!identifierSets.every((set) => values.some((v) => set.has(v)))) return false
    }
    return true
  })
}

export function encodePageToken(lastId: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: lastId })).toString('base64url')
}

export function decodePageToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: unknown
      after?: unknown
    }
    if (parsed.v === 1 && typeof parsed.after === 'string') return parsed.after
  } catch {
    // fall through to the error below
  }
  throw new SandboxHttpError(400, 'invalid', '_pageToken is not a token issued by this sandbox')
}

/** Index of the first id strictly greater than `after` in a sorted array. */
function upperBound(sorted: readonly string[], after: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! <= after) lo = mid + 1
    else hi = mid
  }
  return lo
}

export async function runSearch(
  ctx: SearchContext,
  reply: Reply,
  query: SearchQuery,
  profile: AccessProfile,
  selfUrl: URL,
  fhirBase: string,
): Promise<void> {
  const candidates = collectCandidates(ctx.store, query, ctx.updated)
  const { ids, exceeded } = await ctx.access.visibleAmong(
    query.type,
    candidates,
    profile,
    ctx.resultCap,
  )
  if (exceeded) {
    throw new SandboxHttpError(
      400,
      'too-costly',
      `this search matches more than ${ctx.resultCap} ${query.type} resources, the ROR result ` +
        'cap: split it (by _tag region or a _lastUpdated window) or use $export',
    )
  }
  ids.sort()
  const start = query.pageToken ? upperBound(ids, decodePageToken(query.pageToken)) : 0
  const pageIds = ids.slice(start, start + query.count)
  const links = [{ relation: 'self', url: selfUrl.href }]
  const lastId = pageIds.at(-1)
  if (lastId !== undefined && start + pageIds.length < ids.length) {
    const next = new URL(selfUrl.href)
    next.searchParams.set('_pageToken', encodePageToken(lastId))
    next.searchParams.set('_count', String(query.count))
    links.push({ relation: 'next', url: next.href })
  }
  const matches: Ref[] = pageIds.map((id) => ({ type: query.type, id }))
  const head = {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    type: 'searchset',
    total: ids.length,
    link: links,
  }
  const writer = new BundleWriter(reply.stream(200), head, fhirBase)
  for (const id of pageIds) {
    const json = ctx.access.renderFound(query.type, id, profile)
    if (json !== null) await writer.addJson(query.type, id, json, 'match')
  }
  // Encoded into the body as they are found (in the order the walk admits them), written after.
  includedBy(ctx.store, query, matches, (ref) => {
    const json = ctx.access.json(ref.type, ref.id, profile)
    if (json === null) return null
    writer.append(ref.type, ref.id, json, 'include')
    return ref
  })
  await writer.drain()
  await writer.finish()
}

export async function runRead(
  ctx: SearchContext,
  reply: Reply,
  type: RorResourceType,
  id: string,
  profile: AccessProfile,
): Promise<void> {
  // A resource hidden from this profile is reported exactly like one that does not exist.
  const resource = ctx.store.has(type, id) ? ctx.access.view(type, id, profile) : null
  if (!resource) throw new SandboxHttpError(404, 'not-found', `${type}/${id} is not known`)
  const lastUpdated = ctx.store.lastUpdatedMs(type, id)
  await reply.json(200, resource, { 'Last-Modified': new Date(lastUpdated).toUTCString() })
}
