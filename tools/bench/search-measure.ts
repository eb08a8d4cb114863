/**
 * The measurements of `bench -- search` (search.ts): cold starts in fresh processes, the
 * combined query in the engine, SQLite and a full scan, and autocomplete per keystroke. Each
 * alternative is checked to return exactly the engine's results, or the ratios would mean
 * nothing.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import type { SearchIndexInput } from '../../core/search/build'
import { search } from '../../core/search/search'
import { suggestActivities, suggestStructures } from '../../core/search/suggest'
import type { SearchIndex } from '../../core/search/types'
import { NaiveScan } from './search-naive'
import type { CombinedQuery } from './search-queries'
import { SqliteQueries, buildSqlite } from './search-sqlite'
import { fmt, mb, table, timed } from './stats'

export interface Cold {
  source: string
  steps: Record<string, number>
  toFirstResultMs: number
  uptimeMs: number
  before: { heapUsed: number }
  after: { heapUsed: number; arrayBuffers: number; rss: number }
}

/** One cold start in a fresh process (see search-cold.ts). */
export function coldStart(
  snapshot: string,
  mode: 'built' | 'persisted',
  query: CombinedQuery,
): Cold {
  const script = resolve(import.meta.dirname, 'search-cold.ts')
  const res = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      script,
      snapshot,
      mode,
      JSON.stringify(query.query),
    ],
    { cwd: resolve(import.meta.dirname, '../..'), encoding: 'utf8', maxBuffer: 1 << 20 },
  )
  if (res.status !== 0) throw new Error(`cold start (${mode}) failed: ${res.stderr}`)
  return JSON.parse(res.stdout) as Cold
}

/** First start (build + persist) once, then the usual start (persisted index), median of 3. */
export function coldStarts(
  snapshot: string,
  query: CombinedQuery,
): { built: Cold; persisted: Cold } {
  const built = coldStart(snapshot, 'built', query)
  const runs = [0, 1, 2].map(() => coldStart(snapshot, 'persisted', query))
  runs.sort((a, b) => a.toFirstResultMs - b.toFirstResultMs)
  return { built, persisted: runs[1]! }
}

export function coldLines(c: Cold, title: string): string[] {
  const steps = Object.entries(c.steps)
  return [
    '',
    `${title} — ${fmt(c.toFirstResultMs)} ms to first result (process uptime ${fmt(c.uptimeMs)} ms):`,
    table(
      [...steps.map(([k]) => k), 'TO FIRST RESULT'],
      [[...steps.map(([, v]) => v), c.toFirstResultMs]],
    ),
    `Memory then: JS heap ${mb(c.after.heapUsed)}, typed arrays ${mb(c.after.arrayBuffers)}, RSS ${mb(c.after.rss)}`,
  ]
}

export interface Page {
  total: number
  ids: string[]
}

function same(a: Page, b: Page): boolean {
  return (
    a.total === b.total && a.ids.length === b.ids.length && a.ids.every((id, i) => id === b.ids[i])
  )
}

/** The engine on every query, after a JIT warm-up. */
export function measureEngine(index: SearchIndex, queries: CombinedQuery[], now: number) {
  for (const q of queries.slice(0, 30)) search(index, { ...q.query, now })
  return queries.map((q) => {
    const res = search(index, { ...q.query, now })
    return { ms: res.timings.totalMs, total: res.total, ids: res.items.map((i) => i.offerId) }
  })
}

/** The full scan on the first `count` queries (it is slow), checked against the engine. */
export function measureNaive(
  input: SearchIndexInput,
  queries: CombinedQuery[],
  engine: Page[],
  count: number,
  now: number,
) {
  const naive = new NaiveScan(input)
  return queries.slice(0, count).map((q, k) => {
    const [res, ms] = timed(() => naive.run(q, now))
    return { ms, ok: same(res, engine[k]!) }
  })
}

export interface SqliteFigures {
  sql: SqliteQueries
  buildMs: number
  geo: number[]
  act: number[]
  best: number[]
  mismatches: number
}

/** Both SQLite plans on every query, checked against the engine. */
export function measureSqlite(
  index: SearchIndex,
  queries: CombinedQuery[],
  engine: Page[],
  now: number,
): SqliteFigures {
  const [db, buildMs] = timed(() => buildSqlite(index, now))
  const sql = new SqliteQueries(db)
  for (const q of queries.slice(0, 10)) {
    sql.geoFirst(q)
    sql.activityFirst(q)
  }
  let mismatches = 0
  const geo: number[] = []
  const act: number[] = []
  queries.forEach((q, k) => {
    const [g, gm] = timed(() => sql.geoFirst(q))
    const [a, am] = timed(() => sql.activityFirst(q))
    if (!same(g, engine[k]!) || !same(a, engine[k]!)) mismatches++
    geo.push(gm)
    act.push(am)
  })
  return { sql, buildMs, geo, act, best: geo.map((g, k) => Math.min(g, act[k]!)), mismatches }
}

/** Every keystroke in the engine: offer text search, activity and structure suggestions. */
export function measureAutocomplete(index: SearchIndex, strokes: string[], now: number) {
  for (const s of strokes.slice(0, 50)) search(index, { text: s, limit: 20, now })
  const out = { text: [] as number[], activities: [] as number[], structures: [] as number[] }
  const pages: Page[] = []
  for (const s of strokes) {
    const res = search(index, { text: s, limit: 20, now })
    out.text.push(res.timings.totalMs)
    pages.push({ total: res.total, ids: res.items.map((i) => i.offerId) })
    out.activities.push(timed(() => suggestActivities(index, s))[1])
    out.structures.push(timed(() => suggestStructures(index, s))[1])
  }
  return { ...out, pages }
}

/** Every keystroke in SQLite FTS5, checked against the engine's pages. */
export function measureFts(sql: SqliteQueries, strokes: string[], pages: Page[]) {
  const ms: number[] = []
  let mismatches = 0
  strokes.forEach((s, k) => {
    const [r, t] = timed(() => sql.text(s, 20))
    if (!r) return
    ms.push(t)
    if (!same(r, pages[k]!)) mismatches++
  })
  return { ms, mismatches }
}
