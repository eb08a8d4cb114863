/**
 * Communes used to place the synthetic structures: the bundled gazetteer
 * `data/geo/communes.json` (INSEE code, name, postal codes, département, région, point,
 * population) when present, else the small built-in sample of geo-sample.ts.
 * Structures are drawn in proportion to population (raised to a per-category exponent), so
 * they sit where people live.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { fnv1a, WeightedSampler } from './prng'
import { GEO_SAMPLE } from './geo-sample'
import { hasCode } from './vocab'

export const DEFAULT_COMMUNES_PATH = fileURLToPath(
  new URL('../../data/geo/communes.json', import.meta.url),
)

/** Column-oriented commune table (index = commune number). */
export interface CommuneTable {
  readonly code: readonly string[]
  readonly name: readonly string[]
  readonly postalCodes: readonly (readonly string[])[]
  readonly departement: readonly string[]
  /** TRE_R30 region code (INSEE codes of the ROR regions are the same, DOM included). */
  readonly region: readonly string[]
  readonly lat: Float64Array
  readonly lon: Float64Array
  readonly population: Float64Array
  /** Content fingerprint, part of the cache key. */
  readonly fingerprint: number
  /** Where the table came from (file path or "sample"). */
  readonly source: string
}

export class GeoFileError extends Error {
  override readonly name = 'GeoFileError'
}

/** Arrondissements municipaux of Paris, Lyon and Marseille, which split those communes. */
const ARRONDISSEMENT = /^(?:751(?:0[1-9]|1\d|20)|6938[1-9]|132(?:0[1-9]|1[0-6]))$/
const SPLIT_PARENTS = new Set(['75056', '69123', '13055'])

function column(fields: readonly string[], name: string): number {
  const i = fields.indexOf(name)
  if (i < 0) throw new GeoFileError(`communes.json: colonne "${name}" absente de "fields"`)
  return i
}

/**
 * Builds the table from the parsed `{version, fields, rows}` document. Rows outside the 18
 * ROR regions (COM without a TRE_R30 code) or without a usable point are skipped.
 */
export function communesFromJson(doc: unknown, source: string, fingerprint: number): CommuneTable {
  const d = doc as { version?: unknown; fields?: unknown; rows?: unknown }
  if (d.version !== 1 || !Array.isArray(d.fields) || !Array.isArray(d.rows)) {
    throw new GeoFileError(`${source}: format inattendu (version 1, fields et rows attendus)`)
  }
  const f = d.fields as string[]
  const [iCode, iName, iPostal, iDep, iReg, iLat, iLon, iPop] = [
    'code',
    'name',
    'postalCodes',
    'departement',
    'region',
    'lat',
    'lon',
    'population',
  ].map((n) => column(f, n)) as [number, number, number, number, number, number, number, number]
  const rows = (d.rows as unknown[][]).filter(
    (r) =>
      typeof r[iCode] === 'string' &&
      hasCode('J237', String(r[iReg])) &&
      Number.isFinite(r[iLat]) &&
      Number.isFinite(r[iLon]),
  )
  const hasArrondissements = rows.some((r) => ARRONDISSEMENT.test(String(r[iCode])))
  const n = rows.length
  const table = {
    code: rows.map((r) => String(r[iCode])),
    name: rows.map((r) => String(r[iName])),
    postalCodes: rows.map((r) => (Array.isArray(r[iPostal]) ? (r[iPostal] as string[]) : [])),
    departement: rows.map((r) => String(r[iDep])),
    region: rows.map((r) => String(r[iReg])),
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    population: new Float64Array(n),
    fingerprint,
    source,
  }
  rows.forEach((r, i) => {
    table.lat[i] = Number(r[iLat])
    table.lon[i] = Number(r[iLon])
    const pop = Number(r[iPop])
    // Paris, Lyon and Marseille are counted through their arrondissements when listed.
    const split = hasArrondissements && SPLIT_PARENTS.has(String(r[iCode]))
    table.population[i] = split || !Number.isFinite(pop) ? 0 : Math.max(0, pop)
  })
  if (n === 0) throw new GeoFileError(`${source}: aucune commune utilisable`)
  return table
}

let cached: { path: string; table: CommuneTable } | undefined

/**
 * Loads the gazetteer at `path` (default data/geo/communes.json), or the built-in sample when
 * that file does not exist yet.
 */
export function loadCommunes(path: string = DEFAULT_COMMUNES_PATH): CommuneTable {
  if (cached?.path === path) return cached.table
  let table: CommuneTable
  if (existsSync(path)) {
    const bytes = readFileSync(path)
    table = communesFromJson(JSON.parse(bytes.toString('utf8')), path, fnv1a(bytes))
  } else {
    table = sampleCommunes()
  }
  cached = { path, table }
  return table
}

/** The built-in sample (used by tests and until the real gazetteer exists). */
export function sampleCommunes(): CommuneTable {
  const bytes = new TextEncoder().encode(JSON.stringify(GEO_SAMPLE))
  return communesFromJson(GEO_SAMPLE, 'sample', fnv1a(bytes))
}

/**
 * Draws communes among `indices` with weight population^alpha (alpha > 1 favours cities,
 * alpha < 1 spreads structures into small towns).
 */
export class CommuneSampler {
  private readonly sampler: WeightedSampler

  constructor(
    readonly table: CommuneTable,
    private readonly indices: Int32Array,
    alpha: number,
    minPopulation = 0,
  ) {
    const weights = new Float64Array(indices.length)
    indices.forEach((c, i) => {
      const pop = table.population[c] ?? 0
      weights[i] = pop >= minPopulation ? Math.pow(pop, alpha) : 0
    })
    this.sampler = new WeightedSampler(weights)
    if (this.sampler.total <= 0) this.sampler = new WeightedSampler(weights.map(() => 1))
  }

  draw(rng: Parameters<WeightedSampler['draw']>[0]): number {
    return this.indices[this.sampler.draw(rng)] ?? 0
  }
}

/** Indices of the communes of a region (all communes when region is undefined). */
export function communeIndices(table: CommuneTable, region?: string): Int32Array {
  const out: number[] = []
  table.code.forEach((_, i) => {
    if (region === undefined || table.region[i] === region) out.push(i)
  })
  return Int32Array.from(out)
}
