/**
 * What the sync worker and its map worker (map.worker.ts) exchange: a unit of work (an export
 * file, a delta page) in, the mapped unit out (core/sync/unit-processor.ts).
 *
 * The batch's items travel as one JSON text, as in the Node hosts (core/sync/unit-wire.ts); the
 * blocks and the unit's bytes are transferred, not copied.
 */
import type { Deflate } from '../../../core/snapshot/batch'
import { mapUnitBytes, type UnitInput } from '../../../core/sync/unit-processor'
import { errorReply, unitReply, type UnitReply } from '../../../core/sync/unit-wire'

export interface MapRequest {
  id: number
  input: UnitInput
}

export type MapReply = UnitReply

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
    const blocks = Object.values(unit.batch.records).flatMap((packed) => packed.blocks)
    return { reply: unitReply(id, unit), transfer: transferable(blocks) }
  } catch (error) {
    return { reply: errorReply(id, error), transfer: [] }
  }
}
