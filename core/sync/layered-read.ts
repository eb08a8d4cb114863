/**
 * The live records of an overlaid snapshot file (codec.ts, format 2) kind by kind in id order:
 * each layer is sorted by id, so a k-way merge of the layers, one decoded chunk per layer at a
 * time, gives what a compact file would hold. Used when a delta compacts an overlay (merge).
 */
import { topLayer, type SnapshotReader } from '../snapshot/codec'
import type { DomainRecord, RecordType } from '../snapshot/records'

/** Whether the file has overlaid layers (its kinds are then not sorted across chunks). */
export function isLayered(reader: SnapshotReader): boolean {
  return topLayer(reader.header.chunks) > 0
}

/** One layer's chunks of a kind, read one chunk at a time. */
class LayerCursor {
  private records: DomainRecord[] = []
  private at = 0
  private next = 0

  constructor(
    private readonly reader: SnapshotReader,
    private readonly chunks: readonly number[],
  ) {
    this.fill()
  }

  private fill(): void {
    while (this.at >= this.records.length && this.next < this.chunks.length) {
      this.records = this.reader.chunk(this.chunks[this.next++]!) as DomainRecord[]
      this.at = 0
    }
  }

  get head(): DomainRecord | undefined {
    return this.records[this.at]
  }

  advance(): void {
    this.at += 1
    this.fill()
  }
}

/** Live records of `type`, in id order, in batches of up to `size`. */
export function* layeredRecords(
  reader: SnapshotReader,
  type: RecordType,
  size = 1000,
): Generator<DomainRecord[]> {
  const byLayer = new Map<number, number[]>()
  reader.header.chunks.forEach((info, i) => {
    if (info.kind !== type) return
    const layer = info.layer ?? 0
    const list = byLayer.get(layer)
    if (list) list.push(i)
    else byLayer.set(layer, [i])
  })
  const cursors = [...byLayer.values()].map((chunks) => new LayerCursor(reader, chunks))
  let batch: DomainRecord[] = []
  for (;;) {
    let best: LayerCursor | undefined
    for (const c of cursors) {
      const head = c.head
      if (head !== undefined && (best === undefined || head.id < best.head!.id)) best = c
    }
    if (!best) break
    batch.push(best.head!)
    best.advance()
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}
