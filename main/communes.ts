/**
 * Commune centroids for main's sync (core/snapshot/resolve.ts: an offer with no coordinates of
 * its own is placed at its commune). The gazetteer is the one the renderer loads: in a build it
 * sits in out/renderer/assets as `communes-<hash>.json`; in development, data/geo/communes.json.
 * Optional: without it such offers are simply not placed. No `electron` import.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parseCommunesFile } from '../core/geo/communes-file'
import type { CommuneCentroid } from '../core/snapshot/resolve'

/** The first gazetteer found: a built asset in `assetsDir`, else `fallback`. */
export async function findCommunesFile(assetsDir: string, fallback: string): Promise<string> {
  const names = await readdir(assetsDir).catch(() => [] as string[])
  const asset = names.find((name) => /^communes-[\w-]+\.json$/.test(name))
  return asset ? join(assetsDir, asset) : fallback
}

/** Centroid lookup by INSEE code (former codes too); undefined when the file is unusable. */
export async function loadCommuneCentroids(path: string): Promise<CommuneCentroid | undefined> {
  try {
    const file = parseCommunesFile(JSON.parse(await readFile(path, 'utf8')))
    const byCode = new Map<string, { lat: number; lon: number }>()
    for (const row of file.rows) byCode.set(row[0], { lat: row[5], lon: row[6] })
    const former = file.formerCodes
    return (insee) => byCode.get(insee) ?? byCode.get(former[insee] ?? '')
  } catch (error) {
    console.warn(`Référentiel des communes illisible (${path}) : ${(error as Error).message}`)
    return undefined
  }
}
