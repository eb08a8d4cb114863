/**
 * Loads a snapshot file and builds the search index with the bundled terminology and
 * gazetteer — shared by `search` and the benchmark (which times each step of a cold start).
 */
import { readFile } from 'node:fs/promises'
import { Gazetteer } from '../../core/geo/gazetteer'
import { buildSearchIndex } from '../../core/search/build'
import { searchInputFromRecords } from '../../core/search/input'
import type { SearchIndex } from '../../core/search/types'
import { loadBundledTerminology } from '../../core/terminology/bundled'
import type { Terminology } from '../../core/terminology/terminology'
import { CliError } from './command'
import { DEFAULT_COMMUNES_PATH } from './communes'
import { openSnapshotFile } from './snapshot-file'

export interface LoadedSearch {
  index: SearchIndex
  gazetteer: Gazetteer
  terminology: Terminology
  /** Milliseconds spent in each step. */
  timings: { readMs: number; decodeMs: number; dataMs: number; buildMs: number }
}

/** Reads the bundled gazetteer; a missing or broken file is an error (communes are needed). */
export async function loadGazetteer(path = DEFAULT_COMMUNES_PATH): Promise<Gazetteer> {
  try {
    return new Gazetteer(JSON.parse(await readFile(path, 'utf8')))
  } catch (e) {
    throw new CliError(
      `Cannot load the commune gazetteer "${path}": ${(e as Error).message}. ` +
        'Regenerate it with `npx tsx tools/data/build-geodata.ts`.',
    )
  }
}

/** Opens `path`, decodes every chunk and builds the index. */
export async function loadSearchIndex(path: string): Promise<LoadedSearch> {
  const t0 = performance.now()
  const [reader, gazetteer, terminology] = await Promise.all([
    openSnapshotFile(path),
    loadGazetteer(),
    loadBundledTerminology(),
  ])
  const t1 = performance.now()
  let records
  try {
    records = [...reader.records(['offer', 'organization', 'location', 'placement'])]
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`)
  }
  const t2 = performance.now()
  const input = searchInputFromRecords(records, { terminology, gazetteer })
  const t3 = performance.now()
  const index = buildSearchIndex(input)
  const t4 = performance.now()
  return {
    index,
    gazetteer,
    terminology,
    timings: { readMs: t1 - t0, decodeMs: t2 - t1, dataMs: t3 - t2, buildMs: t4 - t3 },
  }
}
