/** Arguments of `search`, checked into a {@link SearchQuery} with clear usage errors. */
import { parsePatientAge } from '../../core/ror/age'
import type { SearchQuery } from '../../core/search/types'
import { parse } from '../lib/args'
import { CliError, EXIT_USAGE } from '../lib/command'

export interface SearchArgs {
  snapshot: string
  query: SearchQuery
  /** INSEE code given with --commune, resolved by the caller (needs the gazetteer). */
  commune?: string
  format: 'table' | 'json' | 'csv'
}

const LIST = { type: 'string', multiple: true } as const
const ONE = { type: 'string' } as const
const FLAG = { type: 'boolean' } as const

const OPTIONS = {
  activity: LIST,
  family: LIST,
  age: ONE,
  near: ONE,
  commune: ONE,
  radius: ONE,
  text: ONE,
  field: LIST,
  'care-mode': LIST,
  'offer-type': LIST,
  category: LIST,
  public: LIST,
  departement: LIST,
  region: LIST,
  'include-closed': FLAG,
  limit: ONE,
  offset: ONE,
  json: FLAG,
  csv: FLAG,
}

function usageError(message: string, usage: string): CliError {
  return new CliError(`${message}\n\n${usage}`, EXIT_USAGE)
}

function parseNear(value: string, usage: string): { lat: number; lon: number } {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value)
  const lat = Number(m?.[1])
  const lon = Number(m?.[2])
  if (!m || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw usageError(
      `Malformed --near "${value}": expected <lat>,<lon> in decimal degrees, ` +
        'latitude −90…90 and longitude −180…180 (e.g. --near 47.081,2.399).',
      usage,
    )
  }
  return { lat, lon }
}

function parseCount(name: string, value: string | undefined, min: number, usage: string) {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw usageError(`--${name} must be a whole number ≥ ${min}, not "${value}".`, usage)
  }
  return Number(value)
}

/** Parses and checks the arguments; every user mistake is a usage error naming the option. */
export function parseSearchArgs(args: readonly string[], usage: string): SearchArgs {
  const { values: v, positionals } = parse(args, OPTIONS, usage)
  const snapshot = positionals[0]
  if (snapshot === undefined) throw usageError('Missing <snapshot> file.', usage)
  if (positionals.length > 1) {
    throw usageError(`Unexpected argument "${positionals[1]}" (one snapshot only).`, usage)
  }
  if (v.json && v.csv) throw usageError('Choose one output: --json or --csv.', usage)
  if (v.near !== undefined && v.commune !== undefined) {
    throw usageError('Give one origin: --near or --commune, not both.', usage)
  }
  const query: SearchQuery = {
    activities: v.activity,
    families: v.family,
    fields: v.field,
    careModes: v['care-mode'],
    offerTypes: v['offer-type'],
    categories: v.category,
    publics: v.public,
    departements: v.departement,
    regions: v.region,
    includeClosed: v['include-closed'] === true,
    limit: parseCount('limit', v.limit, 1, usage) ?? 50,
    offset: parseCount('offset', v.offset, 0, usage) ?? 0,
  }
  if (v.age !== undefined) {
    const minutes = parsePatientAge(v.age)
    if (minutes === undefined) {
      throw usageError(
        `Malformed --age "${v.age}": use whole years (35) or a whole number with a unit ` +
          '(18mo months, 3wk weeks, 10d days).',
        usage,
      )
    }
    query.ageMinutes = minutes
  }
  if (v.near !== undefined) query.origin = parseNear(v.near, usage)
  if (v.radius !== undefined) {
    const km = Number(v.radius)
    if (v.radius.trim() === '' || !Number.isFinite(km) || km < 0) {
      throw usageError(`--radius must be a distance in km ≥ 0, not "${v.radius}".`, usage)
    }
    if (v.near === undefined && v.commune === undefined) {
      throw usageError(
        '--radius needs an origin: add --near <lat>,<lon> or --commune <insee>.',
        usage,
      )
    }
    query.radiusKm = km
  }
  if (v.text !== undefined) query.text = v.text
  const out: SearchArgs = { snapshot, query, format: v.json ? 'json' : v.csv ? 'csv' : 'table' }
  if (v.commune !== undefined) out.commune = v.commune.trim()
  return out
}
