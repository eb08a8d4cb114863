/**
 * Checks the committed outputs of build-geodata.ts (data/geo/), so a rebuild that breaks
 * them (a bad join, a lost territory, a bloated file) fails here even without the sources.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COORD_SOURCES, parseCommunesFile } from '../../core/geo/communes-file'
import type { CommuneRow } from '../../core/geo/communes-file'
import type { DepartementsGeoJson } from './geodata/departements'
import type { RegionsFile } from './geodata/departements'
import type { Credit } from './geodata/docs'
import type { Position } from './geodata/simplify'

const DIR = join(import.meta.dirname, '..', '..', 'data', 'geo')
const read = <T>(name: string) => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as T
const communes = parseCommunesFile(read('communes.json'))
const outlines = read<DepartementsGeoJson>('departements.json')
const regions = read<RegionsFile>('regions.json')
const allRows: CommuneRow[] = [...communes.rows, ...communes.secondary.rows.map((r) => r.slice(0, 9) as CommuneRow)]

function inRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Approximate distance in km from a point to a polygon's rings (equirectangular). */
function distanceToRingsKm([x, y]: Position, rings: Position[][]): number {
  const kx = Math.cos((y * Math.PI) / 180)
  let best = Infinity
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = ring[i]!
      const [bx, by] = ring[i + 1]!
      const dx = (bx - ax) * kx
      const dy = by - ay
      const px = (x - ax) * kx
      const py = y - ay
      const len = dx * dx + dy * dy
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len))
      best = Math.min(best, Math.hypot(px - t * dx, py - t * dy) * 111.195)
    }
  }
  return best
}

describe('data/geo outputs', () => {
  it('stay within their size budgets', () => {
    expect(statSync(join(DIR, 'communes.json')).size).toBeLessThan(3_000_000)
    expect(statSync(join(DIR, 'departements.json')).size).toBeLessThan(500_000)
  })

  it('cover every commune with sane coordinates and a known coordSource', () => {
    expect(communes.rows.length).toBeGreaterThan(34_800)
    expect(new Set(communes.rows.map((r) => r[0])).size).toBe(communes.rows.length)
    const bad = allRows.filter(
      (r) =>
        !COORD_SOURCES.includes(r[8]) ||
        !Number.isFinite(r[5]) ||
        !Number.isFinite(r[6]) ||
        Math.round(r[5] * 1e5) / 1e5 !== r[5] ||
        Math.round(r[6] * 1e5) / 1e5 !== r[6],
    )
    expect(bad).toEqual([])
    const geonames = communes.rows.filter((r) => r[8] === 'geonames').length
    expect(geonames / communes.rows.length).toBeGreaterThan(0.4)
    expect(communes.rows.filter((r) => r[8] === 'chef-lieu').length).toBeLessThan(10)
  })

  it('places communes inside their own département outline (or within 25 km of it)', () => {
    const byCode = new Map(outlines.features.map((f) => [f.properties.code, f]))
    let inside = 0
    const far: string[] = []
    for (const r of allRows) {
      const f = byCode.get(r[3])
      if (!f) continue // Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin: no outline
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
      const pt: Position = [r[6], r[5]]
      if (polys.some((p) => inRing(pt, p[0]!) && !p.slice(1).some((h) => inRing(pt, h)))) inside++
      else if (distanceToRingsKm(pt, polys.flat()) >= 25) far.push(`${r[0]} ${r[1]}`)
    }
    expect(far).toEqual([])
    expect(inside / allRows.length).toBeGreaterThan(0.985)
  })

  it('outline all 101 départements with COG names, régions and 4-decimal coordinates', () => {
    expect(outlines.features).toHaveLength(101)
    const deps = new Map(regions.departements.map((d) => [d.code, d]))
    for (const f of outlines.features) {
      expect(deps.get(f.properties.code)).toEqual(f.properties)
      const coords = JSON.stringify(f.geometry.coordinates).match(/-?\d+\.\d+/g) ?? []
      expect(coords.every((c) => c.split('.')[1]!.length <= 4)).toBe(true)
    }
    expect(deps.get('2A')?.name).toBe('Corse-du-Sud')
    expect(deps.get('77')?.name).toBe('Seine-et-Marne')
  })

  it('list the régions and départements every commune refers to', () => {
    const depCodes = new Set(regions.departements.map((d) => d.code))
    const regionCodes = new Set(regions.regions.map((r) => r.code))
    expect(regionCodes.size).toBe(21) // 18 régions + 3 COM under an ARS
    expect(allRows.filter((r) => !depCodes.has(r[3]) || !regionCodes.has(r[4]))).toEqual([])
  })

  it('credit GeoNames (CC BY 4.0), Natural Earth and the COG in French', () => {
    const credits = read<Credit[]>('credits.json')
    const licences = new Map(credits.map((c) => [c.name, c.licence]))
    expect(licences.get('GeoNames')).toBe('CC BY 4.0')
    expect(licences.get('Natural Earth')).toBe('Domaine public')
    expect(credits.some((c) => c.licence.includes('Licence Ouverte'))).toBe(true)
    expect(credits.every((c) => c.usage.length > 20)).toBe(true)
  })
})
