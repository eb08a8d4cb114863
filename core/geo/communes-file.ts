/**
 * Format of the bundled offline gazetteer `data/geo/communes.json`, written by
 * `tools/data/build-geodata.ts`. Rows are positional arrays (the file is 37k lines and
 * shipped in the app, so keys are not repeated); `fields` names the columns.
 */

/**
 * How a commune's coordinates were obtained, best first (see `data/geo/SOURCES.md`):
 * - `geonames`: the GeoNames cities500 place joined on the INSEE code;
 * - `geonames-nom`: the GeoNames place of the same name (or the main place) in an overseas
 *   territory whose GeoNames rows have no INSEE code (Saint-Barthélemy, Saint-Martin);
 * - `postal`: mean of the GeoNames points of the communes sharing a postal code;
 * - `epci`: mean of the GeoNames points of the communes of the same intercommunalité;
 * - `parent`: the point of the parent commune (arrondissement municipal, commune déléguée);
 * - `chef-lieu`: the point of the département's chef-lieu (last resort).
 */
export type CoordSource = 'geonames' | 'geonames-nom' | 'postal' | 'epci' | 'parent' | 'chef-lieu'

export const COORD_SOURCES: readonly CoordSource[] = [
  'geonames',
  'geonames-nom',
  'postal',
  'epci',
  'parent',
  'chef-lieu',
]

/** Columns of `rows`: current communes (COG « commune actuelle ») and arrondissements municipaux. */
export const COMMUNE_FIELDS = [
  'code',
  'name',
  'postalCodes',
  'departement',
  'region',
  'lat',
  'lon',
  'population',
  'coordSource',
] as const

/** Columns of `secondary.rows`: the same, plus the parent commune code and the kind. */
export const SECONDARY_FIELDS = [...COMMUNE_FIELDS, 'parent', 'kind'] as const

export type CommuneRow = [
  code: string,
  name: string,
  postalCodes: string[],
  departement: string,
  region: string,
  lat: number,
  lon: number,
  population: number,
  coordSource: CoordSource,
]

export type SecondaryKind = 'deleguee' | 'associee'

export type SecondaryRow = [...CommuneRow, parent: string, kind: SecondaryKind]

export interface CommunesFile {
  version: 1
  /** Human-readable provenance (package names and versions). */
  source: string
  fields: typeof COMMUNE_FIELDS
  rows: CommuneRow[]
  /**
   * Communes déléguées and associées. Kept apart from `rows` because about 500 of them
   * share their INSEE code with the commune nouvelle they belong to: a single code → row map
   * would then be ambiguous. They are searched by name only.
   */
  secondary: { fields: typeof SECONDARY_FIELDS; rows: SecondaryRow[] }
  /** Former INSEE codes (`anciensCodes` in the COG) → current commune code. */
  formerCodes: Record<string, string>
}

/** The bundled file does not have the expected shape (wrong version, columns or row). */
export class CommunesFileError extends Error {
  override readonly name = 'CommunesFileError'
}

const INSEE_CODE = /^(?:\d{5}|2[AB]\d{3})$/

function sameFields(actual: unknown, expected: readonly string[]): boolean {
  return (
    Array.isArray(actual) &&
    actual.length === expected.length &&
    actual.every((f, i) => f === expected[i])
  )
}

function checkRow(row: unknown, width: number, where: string): asserts row is CommuneRow {
  const r = row as unknown[]
  const ok =
    Array.isArray(row) &&
    row.length === width &&
    typeof r[0] === 'string' &&
    INSEE_CODE.test(r[0]) &&
    typeof r[1] === 'string' &&
    Array.isArray(r[2]) &&
    r[2].every((p) => typeof p === 'string') &&
    typeof r[3] === 'string' &&
    typeof r[4] === 'string' &&
    typeof r[5] === 'number' &&
    Math.abs(r[5]) <= 90 &&
    typeof r[6] === 'number' &&
    Math.abs(r[6]) <= 180 &&
    typeof r[7] === 'number' &&
    COORD_SOURCES.includes(r[8] as CoordSource)
  if (!ok) {
    throw new CommunesFileError(
      `communes.json : ${where} invalide (${JSON.stringify(row)?.slice(0, 120)}). ` +
        'Régénérer le fichier avec `npx tsx tools/data/build-geodata.ts`.',
    )
  }
}

/**
 * Checks the parsed JSON of `data/geo/communes.json` and returns it typed. Throws a
 * {@link CommunesFileError} naming the first bad row. Cheap (one pass, no copies), so it can
 * run at every start-up.
 */
export function parseCommunesFile(json: unknown): CommunesFile {
  const f = json as Partial<CommunesFile> | null
  const hint = 'Régénérer le fichier avec `npx tsx tools/data/build-geodata.ts`.'
  if (typeof f !== 'object' || f === null || f.version !== 1) {
    throw new CommunesFileError(`communes.json : version absente ou non prise en charge. ${hint}`)
  }
  if (!sameFields(f.fields, COMMUNE_FIELDS) || !Array.isArray(f.rows)) {
    throw new CommunesFileError(`communes.json : colonnes inattendues dans « fields ». ${hint}`)
  }
  const secondary = f.secondary
  if (
    !secondary ||
    !sameFields(secondary.fields, SECONDARY_FIELDS) ||
    !Array.isArray(secondary.rows)
  ) {
    throw new CommunesFileError(
      `communes.json : section « secondary » absente ou invalide. ${hint}`,
    )
  }
  if (typeof f.formerCodes !== 'object' || f.formerCodes === null) {
    throw new CommunesFileError(`communes.json : section « formerCodes » absente. ${hint}`)
  }
  f.rows.forEach((row, i) => checkRow(row, COMMUNE_FIELDS.length, `ligne rows[${i}]`))
  secondary.rows.forEach((row, i) => {
    checkRow(row, SECONDARY_FIELDS.length, `ligne secondary.rows[${i}]`)
    const kind = row[10]
    if (typeof row[9] !== 'string' || (kind !== 'deleguee' && kind !== 'associee')) {
      throw new CommunesFileError(
        `communes.json : secondary.rows[${i}] sans parent ni type. ${hint}`,
      )
    }
  })
  return f as CommunesFile
}
