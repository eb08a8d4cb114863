/**
 * The naive baseline: what one writes without an index — a loop over every offer record with
 * maps by id, the same rules as the engine, then a sort of the matches.
 */
import { foldText } from '../../core/geo/fold'
import { haversineKm } from '../../core/geo/haversine'
import { ageMatches } from '../../core/ror/age'
import type { SearchIndexInput } from '../../core/search/build'
import type {
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  ResolvedPlacement,
} from '../../core/snapshot/records'
import type { CombinedQuery } from './search-queries'

export interface NaiveResult {
  total: number
  ids: string[]
}

export class NaiveScan {
  private readonly orgs: Map<string, OrganizationRecord>
  private readonly locations: Map<string, LocationRecord>
  private readonly placements: Map<string, ResolvedPlacement>

  constructor(private readonly input: SearchIndexInput) {
    this.orgs = new Map((input.organizations ?? []).map((o) => [o.id, o]))
    this.locations = new Map((input.locations ?? []).map((l) => [l.id, l]))
    this.placements = new Map((input.placements ?? []).map((p) => [p.offerId, p]))
  }

  private isClosed(o: OfferRecord, now: number): boolean {
    const start = Date.parse(o.closure?.start ?? '')
    const end = Date.parse(o.closure?.end ?? '')
    if (start <= now && (Number.isNaN(end) || end > now)) return true
    let id = o.providedBy
    for (let depth = 0; id !== undefined && depth < 8; depth++) {
      const org = this.orgs.get(id)
      if (!org) break
      if (Date.parse(org.closedAt ?? '') <= now) return true
      if (org.kind === 'EJ') break
      id = org.partOf
    }
    const locs = o.locationIds.map((l) => this.locations.get(l)).filter((l) => l !== undefined)
    return locs.length > 0 && locs.every((l) => l.status === 'inactive' || l.status === 'suspended')
  }

  /** The combined query: activity + age + radius, sorted by distance then name. */
  run({ query: q }: CombinedQuery, now: number): NaiveResult {
    const wanted = new Set(q.activities ?? [])
    const hits: { o: OfferRecord; d: number }[] = []
    for (const o of this.input.offers) {
      if (!o.activities.some((a) => wanted.has(a))) continue
      if (!o.age || !ageMatches(o.age, q.ageMinutes)) continue
      let d = Infinity
      for (const p of this.placements.get(o.id)?.points ?? []) {
        d = Math.min(d, haversineKm(q.origin.lat, q.origin.lon, p.lat, p.lon))
      }
      if (!(d <= q.radiusKm)) continue
      if (this.isClosed(o, now)) continue
      hits.push({ o, d })
    }
    const key = new Map(hits.map((h) => [h.o, foldText(h.o.name)]))
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
    hits.sort(
      (a, b) =>
        a.d - b.d ||
        cmp(key.get(a.o) ?? '', key.get(b.o) ?? '') ||
        cmp(a.o.name, b.o.name) ||
        cmp(a.o.id, b.o.id),
    )
    return { total: hits.length, ids: hits.slice(0, q.limit ?? 50).map((h) => h.o.id) }
  }
}
