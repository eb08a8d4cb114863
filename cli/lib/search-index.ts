/**
 * Loads the search index of a snapshot file for `search` and the benchmark. The index is
 * persisted next to the snapshot (`<snapshot>.search-index`, core/search/persist.ts) and
 * reused while it matches the snapshot's checksum and the bundled terminology and gazetteer;
 * otherwise the records are decoded, the index built and the file (re)written.
 */
import { readFile } from 'node:fs/promises'
import { Gazetteer } from '../../core/geo/gazetteer'
import { buildSearchIndex } from '../../core/search/build'
import { searchInputFromRecords } from '../../core/search/input'
import {
  indexDependencies,
  indexMeta,
  isIndexCurrent,
  tryDeserializeSearchIndex,
} from '../../core/search/index-meta'
import { serializeSearchIndex } from '../../core/search/persist'
import type { SearchIndex } from '../../core/search/types'
import { loadBundledTerminology } from '../../core/terminology/bundled'
import type { Terminology } from '../../core/terminology/terminology'
import { CliError } from './command'
import { DEFAULT_COMMUNES_PATH } from './communes'
import { openSnapshotFile, readSnapshotFileHeader, writeFileAtomic } from './snapshot-file'

export interface LoadedSearch {
  index: SearchIndex
  gazetteer: Gazetteer
  terminology: Terminology
  /** Whether the persisted index was used or the index was built from the records. */
  source: 'persisted' | 'built'
  /** Milliseconds spent in each step, in order. */
  timings: Record<string, number>
  /** Why the persisted index could not be written, when so (the search still works). */
  warning?: string
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

/** Opens `path` and returns its search index, from the persisted file when up to date. */
export async function loadSearchIndex(
  path: string,
  options: { persist?: boolean } = {},
): Promise<LoadedSearch> {
  const timings: Record<string, number> = {}
  let t = performance.now()
  const lap = (step: string) => {
    const now = performance.now()
    timings[step] = now - t
    t = now
  }
  const [header, gazetteer, terminology] = await Promise.all([
    readSnapshotFileHeader(path),
    loadGazetteer(),
    loadBundledTerminology(),
  ])
  lap('header, terminology, gazetteer')
  const meta = indexMeta(
    header.manifest.checksum.value,
    indexDependencies(terminology, `communes:${gazetteer.size}`),
  )
  const indexPath = `${path}.search-index`
  const persisted = await readFile(indexPath).catch(() => undefined)
  lap('read persisted index')
  if (persisted && options.persist !== false && isIndexCurrent(persisted, meta)) {
    const index = tryDeserializeSearchIndex(persisted)
    lap('load persisted index')
    if (index) return { index, gazetteer, terminology, source: 'persisted', timings }
  }
  const reader = await openSnapshotFile(path)
  let records
  try {
    records = [...reader.records(['offer', 'organization', 'location', 'placement'])]
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`)
  }
  lap('read and decode snapshot')
  const index = buildSearchIndex(searchInputFromRecords(records, { terminology, gazetteer }))
  lap('build index')
  const loaded: LoadedSearch = { index, gazetteer, terminology, source: 'built', timings }
  if (options.persist !== false) {
    try {
      await writeFileAtomic(indexPath, [serializeSearchIndex(index, meta)])
    } catch (e) {
      loaded.warning = `search index not saved next to the snapshot: ${(e as Error).message}`
    }
    lap('write persisted index')
  }
  return loaded
}
