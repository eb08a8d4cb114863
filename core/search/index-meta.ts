/**
 * When a persisted search index (persist.ts) may be reused: it was built from the same
 * snapshot, with the same labels and communes, in the same format. Shared by the CLI's
 * `<snapshot>.search-index` file and the app's IndexedDB copy.
 */
import { crc32, crcHex } from '../snapshot/crc32'
import {
  SEARCH_INDEX_FORMAT_VERSION,
  SearchIndexFormatError,
  deserializeSearchIndex,
  readSearchIndexMeta,
} from './persist'
import type { SearchIndex } from './types'

/** The labels the index embeds (activity and family names, categories). */
export interface LabelSource {
  concepts(valueSet: string): readonly { code: string; display: string; parent?: string }[]
}

/**
 * What the index depends on besides the snapshot: the labels, and an identity of the bundled
 * communes (the app: their content-hashed asset URL; the CLI: the gazetteer's size).
 */
export function indexDependencies(terminology: LabelSource, communes: string): string {
  const labels = ['JDV_J17', 'JDV_J51', 'ASS_A14']
    .flatMap((vs) =>
      terminology.concepts(vs).map((c) => `${c.code}=${c.display}>${c.parent ?? ''}`),
    )
    .join('\n')
  return `${crcHex(crc32(new TextEncoder().encode(labels)))}-${communes}`
}

/** The meta stored with an index of `snapshotChecksum` (see {@link isIndexCurrent}). */
export function indexMeta(snapshotChecksum: string, dependencies: string): Record<string, unknown> {
  return { snapshot: snapshotChecksum, dependencies, format: SEARCH_INDEX_FORMAT_VERSION }
}

/** Whether `bytes` hold an index stored with exactly `meta`. */
export function isIndexCurrent(bytes: Uint8Array, meta: Record<string, unknown>): boolean {
  try {
    const stored = readSearchIndexMeta(bytes)
    return Object.entries(meta).every(([k, v]) => stored[k] === v)
  } catch {
    return false // not an index, an older format or damaged: the caller rebuilds it
  }
}

/** The persisted index, or undefined when it cannot be read (the caller rebuilds it). */
export function tryDeserializeSearchIndex(bytes: Uint8Array): SearchIndex | undefined {
  try {
    return deserializeSearchIndex(bytes)
  } catch (e) {
    if (e instanceof SearchIndexFormatError) return undefined
    throw e
  }
}
