/**
 * Facts layers: what an overlay delta (core/sync/write-overlay.ts) changed in the sync facts of
 * the file it was written over — the rows it added or replaced and the ids it removed. The
 * facts section of the base is kept byte for byte and each overlay appends its layer
 * (codec.ts `factsLayers`), so a delta writes a few thousand fact rows instead of re-encoding
 * and recompressing 1.6 M (~0.8 s at national scale, on the path of every delta). Readers fold
 * the layers into the base facts (`readFacts`); a compaction (merge) writes them as one again.
 */
import { deflateSync } from 'fflate'
import type { SnapshotReader } from './codec'
import {
  columnsOf,
  decodeFacts,
  factsBytes,
  findId,
  mergeColumns,
  rowAt,
  type FactRow,
  type Inflate,
  type SnapshotFacts,
} from './facts'
import { RECORD_TYPES, type RecordType } from './records'

/** One overlay's change to the facts. */
export interface FactsLayer {
  /** Rows added or replaced, by kind (their ids may or may not be in the facts below). */
  rows: SnapshotFacts
  /** Ids removed, by kind. */
  gone: Record<RecordType, string[]>
}

/** A layer from rows (any order) and removed ids. */
export function factsLayer(
  rows: Readonly<Record<RecordType, readonly FactRow[]>>,
  gone: Readonly<Record<RecordType, Iterable<string>>>,
): FactsLayer {
  const layer: FactsLayer = { rows: {} as SnapshotFacts, gone: {} as FactsLayer['gone'] }
  for (const type of RECORD_TYPES) {
    layer.rows[type] = columnsOf(type, rows[type])
    layer.gone[type] = [...gone[type]].sort()
  }
  return layer
}

/** Whether the layer changes nothing (a delta that found no change): it need not be written. */
export function isEmptyFactsLayer(layer: FactsLayer): boolean {
  return RECORD_TYPES.every((t) => layer.rows[t].id.length === 0 && layer.gone[t].length === 0)
}

/** The layer before compression (facts.ts layout; the removed ids in its header). */
export function factsLayerBytes(layer: FactsLayer): Uint8Array {
  return factsBytes(layer.rows, { gone: layer.gone })
}

/** The layer as a file section (raw DEFLATE). */
export function encodeFactsLayer(layer: FactsLayer): Uint8Array {
  return deflateSync(factsLayerBytes(layer), { level: 1 })
}

/** A layer section → the layer, or null when it is not one this code wrote. */
export async function decodeFactsLayer(
  bytes: Uint8Array,
  inflate?: Inflate,
): Promise<FactsLayer | null> {
  const section = await decodeFacts(bytes, inflate)
  const gone = section?.header.gone as Record<string, unknown> | undefined
  if (!section || typeof gone !== 'object' || gone === null) return null
  const layer: FactsLayer = { rows: section.facts, gone: {} as FactsLayer['gone'] }
  for (const type of RECORD_TYPES) {
    const ids = gone[type]
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return null
    layer.gone[type] = ids as string[]
  }
  return layer
}

/** The facts after `layer`: its rows replace or join those of `facts`, its removed ids go. */
export function applyFactsLayer(facts: SnapshotFacts, layer: FactsLayer): SnapshotFacts {
  const out = {} as SnapshotFacts
  for (const type of RECORD_TYPES) {
    const cols = facts[type]
    const add = layer.rows[type]
    const drop = new Set<number>()
    for (const id of [...layer.gone[type], ...add.id]) {
      const i = findId(cols.id, id)
      if (i >= 0) drop.add(i)
    }
    if (drop.size === 0 && add.id.length === 0) {
      out[type] = cols
      continue
    }
    const rows = add.id.map((_, i) => rowAt(type, add, i))
    out[type] = mergeColumns(type, cols, drop, rows)
  }
  return out
}

/**
 * The sync facts of a snapshot file — its facts section with every facts layer folded in — or
 * null when it has none (or unreadable ones: the delta then reads the records instead).
 * `pause` is awaited between columns so that a host keeps serving its event loop.
 */
export async function readFacts(
  reader: SnapshotReader,
  inflate?: Inflate,
  pause?: () => Promise<void>,
): Promise<SnapshotFacts | null> {
  const bytes = reader.factsBytes()
  if (!bytes) return null
  let facts = (await decodeFacts(bytes, inflate, pause))?.facts ?? null
  for (const layerBytes of reader.factsLayerBytes()) {
    if (!facts) return null
    const layer = await decodeFactsLayer(layerBytes, inflate)
    facts = layer && applyFactsLayer(facts, layer)
    await pause?.()
  }
  return facts
}
