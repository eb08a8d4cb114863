/**
 * Resume state of a browser-mode sync in the `state` table (key/value rows): the checkpoint
 * under `sync:checkpoint`, each committed unit of work (an export file or a delta page, raw
 * bytes) under `sync:unit:<key>`. A unit is buffered in memory and written in one `put` at
 * `commit`, so a reload or a crash never leaves half a unit behind.
 */
import type { StagedUnitWriter, SyncStateStore } from '../../../core/sync/state-store'
import type { RorDatabase } from './db'
import { isQuotaError, quotaExceeded } from './quota'

const CHECKPOINT = 'sync:checkpoint'
const UNIT = 'sync:unit:'

export class IdbSyncStateStore implements SyncStateStore {
  constructor(private readonly db: RorDatabase) {}

  async loadCheckpoint(): Promise<unknown> {
    return (await this.db.state.get(CHECKPOINT))?.value ?? null
  }

  async saveCheckpoint(checkpoint: unknown): Promise<void> {
    await this.db.state.put({ key: CHECKPOINT, value: checkpoint })
  }

  async stage(key: string): Promise<StagedUnitWriter> {
    let parts: Uint8Array[] = []
    let size = 0
    return {
      write: async (bytes) => {
        parts.push(bytes.slice())
        size += bytes.byteLength
      },
      commit: async () => {
        const all = new Uint8Array(size)
        let at = 0
        for (const p of parts) {
          all.set(p, at)
          at += p.byteLength
        }
        parts = []
        try {
          await this.db.state.put({ key: UNIT + key, value: all })
        } catch (error) {
          if (isQuotaError(error)) throw await quotaExceeded(size)
          throw error
        }
      },
      discard: async () => {
        parts = []
      },
    }
  }

  async units(): Promise<string[]> {
    const keys = await this.db.state.where('key').startsWith(UNIT).primaryKeys()
    return keys.map((k) => k.slice(UNIT.length))
  }

  async *read(key: string): AsyncIterable<Uint8Array> {
    const row = await this.db.state.get(UNIT + key)
    if (row?.value instanceof Uint8Array) yield row.value
  }

  async clear(): Promise<void> {
    await this.db.transaction('rw', this.db.state, async () => {
      await this.db.state.where('key').startsWith(UNIT).delete()
      await this.db.state.delete(CHECKPOINT)
    })
  }
}
