/**
 * `npm run bench -- search [--scale national|region|demo|eg<N>] [--seed n] [--snapshot file]
 *  [--queries n] [--sessions n] [--naive n] [--no-sqlite]`
 *
 * Issue 6 targets on ≈400,000 offers, in Node on our 2-core VM: combined query (activity + age
 * + 30 km) p95 ≤ 30 ms, autocomplete per keystroke p95 ≤ 15 ms, cold start ≤ 2 s; the same
 * queries side by side in SQLite and as a naive full scan, with ratios.
 */
import { parseArgs } from 'node:util'
import { loadSearchIndex } from '../../cli/lib/search-index'
import { searchInputFromRecords } from '../../core/search/input'
import { ensureSnapshot } from './search-dataset'
import {
  type Page,
  coldLines,
  coldStarts,
  measureAutocomplete,
  measureEngine,
  measureFts,
  measureNaive,
  measureSqlite,
} from './search-measure'
import { type CombinedQuery, combinedQueries, keystrokes, typingSessions } from './search-queries'
import { type Summary, fmt, summarise, table } from './stats'
import { openSnapshotFile } from '../../cli/lib/snapshot-file'

interface Options {
  snapshot: string
  queries: number
  sessions: number
  naive: number
  sqlite: boolean
  seed: number
}

function options(args: readonly string[]): Options {
  const { values: v } = parseArgs({
    args: [...args],
    options: {
      scale: { type: 'string', default: 'national' },
      seed: { type: 'string', default: '1' },
      snapshot: { type: 'string' },
      queries: { type: 'string', default: '300' },
      sessions: { type: 'string', default: '40' },
      naive: { type: 'string', default: '60' },
      'no-sqlite': { type: 'boolean' },
    },
  })
  const seed = Number(v.seed)
  return {
    snapshot: v.snapshot ?? ensureSnapshot(v.scale ?? 'national', seed),
    queries: Number(v.queries),
    sessions: Number(v.sessions),
    naive: Number(v.naive),
    sqlite: v['no-sqlite'] !== true,
    seed,
  }
}

function row(name: string, s: Summary, base?: Summary): (string | number)[] {
  const ratio = (x: number, y: number) => (base ? `${(x / y).toFixed(1)}×` : '1×')
  return [
    name,
    String(s.n),
    s.p50,
    s.p95,
    s.max,
    ratio(s.p50, base?.p50 ?? 1),
    ratio(s.p95, base?.p95 ?? 1),
  ]
}

const HEADER = ['', 'n', 'p50', 'p95', 'max', 'p50 ratio', 'p95 ratio']

/** The full scan needs the decoded records; they are dropped (and collected) afterwards. */
async function naiveFigures(o: Options, queries: CombinedQuery[], engine: Page[], now: number) {
  const reader = await openSnapshotFile(o.snapshot)
  const input = searchInputFromRecords(
    reader.records(['offer', 'organization', 'location', 'placement']),
  )
  return measureNaive(input, queries, engine, o.naive, now)
}

export async function run(args: readonly string[]): Promise<number> {
  const o = options(args)
  const now = Date.now()
  process.stderr.write(`bench: snapshot ${o.snapshot}\n`)
  const { index } = await loadSearchIndex(o.snapshot)
  const queries = combinedQueries(index, o.queries, o.seed)
  const cold = coldStarts(o.snapshot, queries[0]!)
  // The engine first, while this process holds only the index (no decoded records).
  const engine = measureEngine(index, queries, now)
  const strokes = typingSessions(index, o.sessions, o.seed + 1).flatMap(keystrokes)
  const auto = measureAutocomplete(index, strokes, now)
  const naive = await naiveFigures(o, queries, engine, now)
  const sqlite = o.sqlite ? measureSqlite(index, queries, engine, now) : undefined
  const fts = sqlite ? measureFts(sqlite.sql, strokes, auto.pages) : undefined

  const e = summarise(engine.map((r) => r.ms))
  const totals = summarise(engine.map((r) => r.total))
  const lines = [
    `Snapshot: ${index.size} offers, ${index.pointOffer.length} points, ${index.orgs.ids.length} EG/EJ, ${index.text.tokens.length} distinct tokens`,
    ...coldLines(cold.persisted, 'Cold start, persisted index (median of 3 fresh processes)'),
    ...coldLines(cold.built, 'First start after import: decode records + build + save the index'),
    '',
    `Combined query « activity + age + 30 km » (${queries.length} queries; results per query p50 ${totals.p50}, p95 ${totals.p95}, max ${totals.max}), ms:`,
  ]
  const rows = [row('engine (core/search)', e)]
  if (sqlite) {
    rows.push(row('SQLite, R*Tree first', summarise(sqlite.geo), e))
    rows.push(row('SQLite, activity index first', summarise(sqlite.act), e))
    rows.push(row('SQLite, best plan per query', summarise(sqlite.best), e))
  }
  rows.push(row('naive full scan', summarise(naive.map((r) => r.ms)), e))
  lines.push(table(HEADER, rows))
  lines.push(
    `Same results as the engine: SQLite ${sqlite ? `${queries.length - sqlite.mismatches}/${queries.length}` : 'n/a'}, ` +
      `naive ${naive.filter((r) => r.ok).length}/${naive.length}${sqlite ? `; SQLite load ${fmt(sqlite.buildMs)} ms` : ''}`,
  )
  const t = summarise(auto.text)
  lines.push(
    '',
    `Autocomplete per keystroke (${strokes.length} keystrokes of ${o.sessions} typed names), ms:`,
  )
  const arows = [row('offer text search (engine, top 20 + count)', t)]
  if (fts) arows.push(row('offer text search (SQLite FTS5 prefix)', summarise(fts.ms), t))
  arows.push(row('activity suggestions (engine)', summarise(auto.activities)))
  arows.push(row('structure suggestions (engine)', summarise(auto.structures)))
  lines.push(table(HEADER, arows))
  if (fts) {
    lines.push(
      `FTS5 results equal to the engine's: ${fts.ms.length - fts.mismatches}/${fts.ms.length}`,
    )
  }
  process.stdout.write(lines.join('\n') + '\n')
  return 0
}
