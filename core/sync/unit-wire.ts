/**
 * A mapped unit as it crosses to another thread (the CLI's worker threads, main/sync-worker.ts;
 * the browser's map worker, renderer/src/engine/map.worker.ts). The batch's items (per-resource
 * facts, which the receiving thread keeps for every resource of the sync) travel as one JSON
 * text rather than as a structured clone: `JSON.parse` is faster than deserialising the clone
 * and shares the short strings it makes (ids, codes) — ~240 bytes per item on the receiving
 * heap instead of ~470 (measured on a national export file).
 */
import type { MappedItem } from '../snapshot/batch'
import type { MappedUnit } from './unit-processor'

/** What a worker posts back for one unit. */
export type UnitReply =
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

/** The reply carrying `unit`. */
export function unitReply(id: number, unit: MappedUnit): UnitReply {
  const { items } = unit.batch
  const nan: number[] = []
  for (let i = 0; i < items.length; i++) if (Number.isNaN(items[i]!.lastUpdated)) nan.push(i)
  return {
    id,
    unit: { ...unit, batch: { ...unit.batch, items: [] } },
    items: JSON.stringify(items),
    nan,
  }
}

/** The reply of a unit that could not be mapped (its error's name and message). */
export function errorReply(id: number, error: unknown): UnitReply {
  const e = error as Error
  return { id, error: { name: e?.name ?? 'Error', message: e?.message ?? String(error) } }
}

/** The unit of a reply, with its items back. */
export function unitOfReply(reply: Extract<UnitReply, { unit: unknown }>): MappedUnit {
  const items = JSON.parse(reply.items) as MappedItem[]
  for (const i of reply.nan) items[i]!.lastUpdated = NaN
  const { unit } = reply
  return { ...unit, batch: { ...unit.batch, items } }
}
