/**
 * Commune centroids for the CLI, from the bundled gazetteer data/geo/communes.json (format in
 * core/geo/communes-file.ts). Optional: without it offers fall back to precision 'none'.
 */
import { readFileSync } from 'node:fs'
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
    return missing(path)
  }
  return centroidsOf(text)
}

/**
 * The centroids, loaded in the background (parsing the 3 MB gazetteer takes ~0.2 s, which a
 * sync spends waiting for the server's first page anyway); a lookup made before they are in
 * loads them at once. `warn` gets the warning of a missing or broken file, once.
 */
export function backgroundCommuneCentroids(
  path = DEFAULT_COMMUNES_PATH,
  warn: (warning: string) => void = () => undefined,
): CommuneCentroid {
  let loaded: LoadedCentroids | undefined
  const settle = (l: LoadedCentroids) => {
    if (loaded) return
    loaded = l
    if (l.warning) warn(l.warning)
  }
  void loadCommuneCentroids(path).then(settle)
  return (insee) => {
    if (!loaded) {
      let text: string | undefined
      try {
        text = readFileSync(path, 'utf8')
      } catch {
        settle(missing(path))
      }
      if (text !== undefined) settle(centroidsOf(text))
    }
    return loaded!.centroid?.(insee)
  }
}

function missing(path: string): LoadedCentroids {
  return { warning: `no commune gazetteer at ${path}: commune fallback disabled` }
}

function centroidsOf(text: string): LoadedCentroids {
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
