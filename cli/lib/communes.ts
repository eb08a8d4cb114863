/**
 * Commune centroids for the CLI, from the bundled gazetteer data/geo/communes.json (format in
 * core/geo/communes-file.ts). Optional: without it offers fall back to precision 'none'.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parseCommunesFile } from '../../core/geo/communes-file'
import type { CommuneCentroid } from '../../core/snapshot/resolve'

export const DEFAULT_COMMUNES_PATH = fileURLToPath(
  new URL('../../data/geo/communes.json', import.meta.url),
)

export interface LoadedCentroids {
  centroid?: CommuneCentroid
  /** Why no centroids are available, when so. */
  warning?: string
}

/** Loads the centroids; never throws (a missing or broken file only yields a warning). */
export async function loadCommuneCentroids(path = DEFAULT_COMMUNES_PATH): Promise<LoadedCentroids> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return { warning: `no commune gazetteer at ${path}: commune fallback disabled` }
  }
  try {
    const file = parseCommunesFile(JSON.parse(text))
    const byCode = new Map<string, { lat: number; lon: number }>()
    for (const row of file.rows) byCode.set(row[0], { lat: row[5], lon: row[6] })
    const former = file.formerCodes
    return {
      centroid: (insee) => byCode.get(insee) ?? byCode.get(former[insee] ?? ''),
    }
  } catch (e) {
    return {
      warning: `commune gazetteer unusable (${(e as Error).message}): commune fallback disabled`,
    }
  }
}
