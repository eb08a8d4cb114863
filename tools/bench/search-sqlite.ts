/**
 * The same data and queries in SQLite (better-sqlite3): what a strong engineer might build
 * instead of an in-memory engine — B-tree indexes on activities, an R*Tree on the points for
 * the bounding-box prefilter then the exact haversine (same function as the engine, registered
 * in SQL), and FTS5 with prefix indexes over the same folded tokens for the text search.
 */
import Database from 'better-sqlite3'
import { foldText } from '../../core/geo/fold'
import { capBoxes } from '../../core/search/geo'
import { haversineKm } from '../../core/geo/haversine'
import { isClosedAt } from '../../core/search/criteria'
import { queryTokens } from '../../core/search/text-index'
import type { SearchIndex } from '../../core/search/types'
import type { CombinedQuery } from './search-queries'

export interface SqlResult {
  total: number
  ids: string[]
}

type Db = InstanceType<typeof Database>
type Row = { id: string }

const SCHEMA = `
  CREATE TABLE offer (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL,
    sort_key TEXT NOT NULL, age_min REAL, age_max REAL, closed INTEGER NOT NULL);
  CREATE TABLE offer_activity (activity TEXT NOT NULL, offer INTEGER NOT NULL);
  CREATE TABLE point (id INTEGER PRIMARY KEY, offer INTEGER NOT NULL, lat REAL, lon REAL);
  CREATE VIRTUAL TABLE point_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
  CREATE VIRTUAL TABLE offer_fts USING fts5(tokens, prefix = '1 2 3', content = '');`

const INDEXES = `
  CREATE INDEX offer_activity_by_activity ON offer_activity (activity, offer);
  CREATE INDEX offer_activity_by_offer ON offer_activity (offer, activity);
  CREATE INDEX point_by_offer ON point (offer);
  ANALYZE;`

/** Loads the index's data into an in-memory database (closed flag computed at `now`). */
export function buildSqlite(index: SearchIndex, now: number): Db {
  const db = new Database(':memory:')
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.exec(SCHEMA)
  db.function('haversine', { deterministic: true }, (a, b, c, d) =>
    haversineKm(a as number, b as number, c as number, d as number),
  )
  const offer = db.prepare('INSERT INTO offer VALUES (?, ?, ?, ?, ?, ?, ?)')
  const act = db.prepare('INSERT INTO offer_activity VALUES (?, ?)')
  const pt = db.prepare('INSERT INTO point VALUES (?, ?, ?, ?)')
  const rt = db.prepare('INSERT INTO point_rtree VALUES (?, ?, ?, ?, ?)')
  const fts = db.prepare('INSERT INTO offer_fts (rowid, tokens) VALUES (?, ?)')
  const { docTokens } = index.text
  db.transaction(() => {
    for (let r = 0; r < index.size; r++) {
      const ageMin = index.ageMin[r]!
      const ageMax = index.ageMaxExclusive[r]!
      offer.run(
        r,
        index.offerIds[r],
        index.names[r],
        foldText(index.names[r] ?? ''),
        nan(ageMin),
        nan(ageMax),
        isClosedAt(index, r, now) ? 1 : 0,
      )
      const acts = index.offerActivities
      for (let k = acts.offsets[r]!; k < acts.offsets[r + 1]!; k++) {
        act.run(index.activityCodes.values[acts.values[k]!], r)
      }
      const tokens = []
      for (let k = docTokens.offsets[r]!; k < docTokens.offsets[r + 1]!; k++) {
        tokens.push(index.text.tokens[docTokens.values[k]!])
      }
      fts.run(r, tokens.join(' '))
    }
    for (let p = 0; p < index.pointOffer.length; p++) {
      const lat = index.pointLat[p]!
      const lon = index.pointLon[p]!
      pt.run(p, index.pointOffer[p], lat, lon)
      rt.run(p, lat, lat, lon, lon)
    }
  })()
  db.exec(INDEXES)
  return db
}

function nan(x: number): number | null {
  return Number.isNaN(x) ? null : x
}

const ORDER = 'ORDER BY d, o.sort_key, o.name, o.id'

/** Plans for the combined query, prepared once per number of activities. */
export class SqliteQueries {
  private readonly cache = new Map<string, Database.Statement>()

  constructor(private readonly db: Db) {}

  private stmt(key: string, sql: () => string): Database.Statement {
    let s = this.cache.get(key)
    if (!s) this.cache.set(key, (s = this.db.prepare(sql())))
    return s
  }

  /** R*Tree first: points in the box, min distance per offer, then the other criteria. */
  geoFirst(c: CombinedQuery): SqlResult {
    const q = c.query
    const n = q.activities?.length ?? 0
    const s = this.stmt(
      `geo${n}`,
      () => `
      WITH near AS (
        SELECT p.offer AS offer, MIN(haversine(?, ?, p.lat, p.lon)) AS d
        FROM point_rtree r JOIN point p ON p.id = r.id
        WHERE r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? AND r.max_lon >= ?
        GROUP BY p.offer)
      SELECT o.id, near.d AS d FROM near JOIN offer o ON o.rowid = near.offer
      WHERE near.d <= ? AND o.closed = 0 AND o.age_min <= ? AND ? < o.age_max
        AND EXISTS (SELECT 1 FROM offer_activity a
                    WHERE a.offer = o.rowid AND a.activity IN (${marks(n)}))
      ${ORDER}`,
    )
    const box = bbox(q.origin.lat, q.origin.lon, q.radiusKm)
    const rows = s.all(
      q.origin.lat,
      q.origin.lon,
      box.maxLat,
      box.minLat,
      box.maxLon,
      box.minLon,
      q.radiusKm,
      q.ageMinutes,
      q.ageMinutes,
      ...(q.activities ?? []),
    ) as Row[]
    return page(rows, q.limit ?? 50)
  }

  /** Activity index first, then age, closed and the exact distance per candidate. */
  activityFirst(c: CombinedQuery): SqlResult {
    const q = c.query
    const n = q.activities?.length ?? 0
    const s = this.stmt(
      `act${n}`,
      () => `
      SELECT o.id, (SELECT MIN(haversine(?, ?, p.lat, p.lon)) FROM point p
                    WHERE p.offer = o.rowid) AS d
      FROM offer o
      WHERE o.rowid IN (SELECT offer FROM offer_activity WHERE activity IN (${marks(n)}))
        AND o.closed = 0 AND o.age_min <= ? AND ? < o.age_max AND d <= ?
      ${ORDER}`,
    )
    const rows = s.all(
      q.origin.lat,
      q.origin.lon,
      ...(q.activities ?? []),
      q.ageMinutes,
      q.ageMinutes,
      q.radiusKm,
    ) as Row[]
    return page(rows, q.limit ?? 50)
  }

  /** FTS5 prefix search over the same folded tokens, open offers, by name. */
  text(text: string, limit: number): SqlResult | undefined {
    const match = ftsMatch(text)
    if (match === undefined) return undefined
    const s = this.stmt(
      'text',
      () => `
      SELECT o.id FROM offer_fts f JOIN offer o ON o.rowid = f.rowid
      WHERE offer_fts MATCH ? AND o.closed = 0
      ORDER BY o.sort_key, o.name, o.id`,
    )
    return page(s.all(match) as Row[], limit)
  }
}

function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ')
}

function page(rows: Row[], limit: number): SqlResult {
  return { total: rows.length, ids: rows.slice(0, limit).map((r) => r.id) }
}

function bbox(lat: number, lon: number, km: number) {
  const [b] = capBoxes(lat, lon, km) // France never straddles ±180°: one box
  const [minLon, minLat, maxLon, maxLat] = b ?? [-180, -90, 180, 90]
  return { minLon: minLon!, minLat: minLat!, maxLon: maxLon!, maxLat: maxLat! }
}

/** `st etienne` → `("saint"* OR "st"*) AND "etienne"*` (same tokens as the engine). */
export function ftsMatch(text: string): string | undefined {
  const tokens = queryTokens(text)
  if (tokens.length === 0) return undefined
  return tokens.map((alts) => `(${alts.map((a) => `"${a}"*`).join(' OR ')})`).join(' AND ')
}
