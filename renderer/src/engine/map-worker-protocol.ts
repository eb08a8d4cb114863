/**
 * What the sync worker and its map worker (map.worker.ts) exchange: a unit of work (an export
 * file, a delta page) in, the mapped unit out (core/sync/unit-processor.ts).
 *
 * The batch's items (what the builder keeps of every resource) travel as one JSON text, as in
 * the Node hosts (main/sync-worker.ts): parsing it in the sync worker is faster than
 * deserialising a structured clone, and shares the short strings it makes. The blocks and the
 * unit's bytes are transferred, not copied.
 */
import type { Deflate, MappedItem } from '../../../core/snapshot/batch'
import { mapUnitBytes, type MappedUnit, type UnitInput } from '../../../core/sync/unit-processor'

export interface MapRequest {
  id: number
  input: UnitInput
}

export type MapReply =
  | {
      id: number
      /** The mapped unit, its `batch.items` empty: they are in `items`. */
      unit: MappedUnit
      /** `JSON.stringify(batch.items)`. */
      items: string
      /** Indexes of the items whose `lastUpdated` is NaN (JSON would turn it into null). */
      nan: number[]
    }
  | { id: number; error: { name: string; message: string } }

/** The buffers of `bytes` that can move to another thread as they are (whole, not shared). */
export function transferable(bytes: readonly Uint8Array[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>()
  for (const b of bytes) {
    if (
      b.buffer instanceof ArrayBuffer &&
      b.byteOffset === 0 &&
      b.byteLength === b.buffer.byteLength
    )
      out.add(b.buffer)
  }
  return [...out]
}

/** Maps one unit (in the map worker): the reply, and the buffers to transfer with it. */
export async function answer(
  request: MapRequest,
  deflate: Deflate,
): Promise<{ reply: MapReply; transfer: ArrayBuffer[] }> {
  const { id } = request
  try {
    const unit = await mapUnitBytes(request.input, { deflate })
    const { items } = unit.batch
    const nan: number[] = []
    for (let i = 0; i < items.length; i++) if (Number.isNaN(items[i]!.lastUpdated)) nan.push(i)
    const blocks = Object.values(unit.batch.records).flatMap((packed) => packed.blocks)
    return {
      reply: {
        id,
        unit: { ...unit, batch: { ...unit.batch, items: [] } },
        items: JSON.stringify(items),
        nan,
      },
      transfer: transferable(blocks),
    }
  } catch (error) {
    const e = error as Error
    const reply: MapReply = {
      id,
      error: { name: e?.name ?? 'Error', message: e?.message ?? String(error) },
    }
    return { reply, transfer: [] }
  }
}

/** The unit of a reply with its items back. */
export function unitOf(reply: Extract<MapReply, { unit: unknown }>): MappedUnit {
  const items = JSON.parse(reply.items) as MappedItem[]
  for (const i of reply.nan) items[i]!.lastUpdated = NaN
  const { unit } = reply
  return { ...unit, batch: { ...unit.batch, items } }
}
