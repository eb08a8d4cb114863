/**
 * `search`: the offline search engine (core/search) on a snapshot file — same engine and same
 * order as the app (issue 6 « CLI »). JSON and CSV on stdout; the count and timings on stderr.
 */
import type { Gazetteer } from '../../core/geo/gazetteer'
import { resultsToCsv } from '../../core/search/csv'
import { search } from '../../core/search/search'
import type { SearchQuery, SearchResultItem } from '../../core/search/types'
import { CliError, EXIT_USAGE, say, type Command } from '../lib/command'
import { loadSearchIndex } from '../lib/search-index'
import { type SearchArgs, parseSearchArgs } from './search-args'
import { formatTable } from './search-table'

export const SEARCH_USAGE = `Usage: search <snapshot> [criteria] [--limit <n>] [--json | --csv]

Searches the offers of a snapshot. Criteria combine with AND; a repeated option is an OR.
  --activity <code>     operational activity, TRE_R211 (repeatable)
  --family <code>       activity family, JDV_J51 or SERAFIN-PH number (repeatable)
  --age <age>           patient age: whole years (35) or with a unit (18mo, 3wk, 10d)
  --near <lat>,<lon>    origin in WGS84 degrees (e.g. 47.081,2.399)
  --commune <insee>     origin at a commune's centroid, by INSEE code (e.g. 18033)
  --radius <km>         keep offers within this distance of the origin (inclusive)
  --text <q>            words prefixing offer / structure / legal entity names, FINESS or city
  --field, --care-mode, --offer-type, --category, --public, --departement, --region <code>
                        filters (repeatable): champ d'activité, mode de prise en charge,
                        type d'offre, catégorie d'établissement, public, département, région
  --include-closed      also list closed offers (hidden by default)
  --limit <n>           number of results (default 50), --offset <n> to skip some
  --json                JSON array of results; --csv: CSV for French Excel (BOM, ";")
With an origin, results are sorted by distance to the nearest place, then by name.`

export const searchCommand: Command = {
  name: 'search',
  summary: 'search the offers of a snapshot (activity, age, distance, text, filters)',
  usage: SEARCH_USAGE,
  async run(args, io) {
    const parsed = parseSearchArgs(args, SEARCH_USAGE)
    const loaded = await loadSearchIndex(parsed.snapshot)
    const query = withOrigin(parsed, loaded.gazetteer)
    const result = search(loaded.index, query)
    const label = (code: string) =>
      loaded.terminology.label('JDV_J17-ActiviteOperationnelle-ROR', code)
    if (parsed.format === 'json') {
      io.stdout.write(JSON.stringify(result.items.map(jsonItem), null, 2) + '\n')
    } else if (parsed.format === 'csv') {
      io.stdout.write(resultsToCsv(result.items, label))
    } else {
      io.stdout.write(formatTable(result.items, query.origin !== undefined, label))
    }
    if (loaded.warning) say(io.stderr, `warning: ${loaded.warning}`)
    const loadMs = Object.values(loaded.timings).reduce((a, b) => a + b, 0)
    const how = loaded.source === 'persisted' ? 'index chargé' : 'index construit'
    say(
      io.stderr,
      `${result.total} offre(s), ${result.items.length} affichée(s) — ${how} en ` +
        `${Math.round(loadMs)} ms, recherche ${result.timings.totalMs.toFixed(1)} ms`,
    )
    return 0
  },
}

/** Resolves `--commune` through the gazetteer into the query's origin. */
function withOrigin(parsed: SearchArgs, gazetteer: Gazetteer): SearchQuery {
  if (parsed.commune === undefined) return parsed.query
  const commune = gazetteer.resolve(parsed.commune)
  if (!commune) {
    const guess = gazetteer.search(parsed.commune, 3)
    const hint =
      guess.length > 0
        ? ` Did you mean ${guess.map((c) => `${c.code} (${c.name}, ${c.departement})`).join(', ')}?`
        : ' Use the INSEE code of the commune (e.g. 18033 for Bourges), not its postal code.'
    throw new CliError(`Unknown commune "${parsed.commune}".${hint}`, EXIT_USAGE)
  }
  return { ...parsed.query, origin: { lat: commune.lat, lon: commune.lon } }
}

/** JSON row: every item field, `distanceKm` rounded to the metre. */
function jsonItem(item: SearchResultItem): SearchResultItem {
  return item.distanceKm === undefined
    ? item
    : { ...item, distanceKm: Math.round(item.distanceKm * 1000) / 1000 }
}
