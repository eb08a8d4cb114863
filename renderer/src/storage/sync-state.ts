/**
 * Resume state of a browser-mode sync in the `state` table (key/value rows): the checkpoint
 * under `sync:checkpoint`; each unit of work (an export file or a delta page, raw bytes) as
 * parts `sync:part:<key>#<n>`, stored as they are written, and made visible by its marker
 * `sync:unit:<key>` (`{ parts, bytes }`), written only at `commit` — so a reload or a crash
 * never leaves half a unit behind: parts without a marker are ignored, then overwritten.
 *
 * Why parts are stored at once rather than at `commit`: a national sync stages 79 export files
 * of ~64 MB; keeping a copy of each until it is mapped, then joining the copies for one `put`,
 * made the engine worker hold and collect three buffers per file (the bench `sync-browser`
 * measured up to 700 MB of ArrayBuffers at a fifth of the national scale). `put` clones its
 * value when it is called (IndexedDB « clone a value »), so the caller's buffer is free again
 * as soon as `write` returns.
 */
import type { StagedUnitWriter, SyncStateStore } from '../../../core/sync/state-store'
import type { RorDatabase } from './db'
import { isQuotaError, quotaExceeded } from './quota'

const CHECKPOINT = 'sync:checkpoint'
const UNIT = 'sync:unit:'
const PART = 'sync:part:'

/** What the marker of a committed unit holds (an older version stored the bytes there). */
interface UnitMarker {
  parts: number
  bytes: number
}

/** Prefix of the parts of unit `key` (`#`: `export-1` is not a prefix of `export-10`). */
const partsOf = (key: string) => `${PART}${key}#`
const partKey = (key: string, n: number) => `${partsOf(key)}${n}`

export class IdbSyncStateStore implements SyncStateStore {
  constructor(private readonly db: RorDatabase) {}

  async loadCheckpoint(): Promise<unknown> {
    return (await this.db.state.get(CHECKPOINT))?.value ?? null
  }

  async saveCheckpoint(checkpoint: unknown): Promise<void> {
    await this.db.state.put({ key: CHECKPOINT, value: checkpoint })
  }

  async stage(key: string): Promise<StagedUnitWriter> {
    // Until committed again, the unit is not there (a resume fetches it anew).
    await this.db.transaction('rw', this.db.state, async () => {
      await this.db.state.delete(UNIT + key)
      await this.db.state.where('key').startsWith(partsOf(key)).delete()
    })
    const pending: Promise<void>[] = []
    let size = 0
    const settle = () => Promise.allSettled(pending)
    return {
      write: async (bytes) => {
        const put = this.putNow(partKey(key, pending.length), bytes)
        put.catch(() => undefined) // awaited at commit; a failure surfaces there
        pending.push(put)
        size += bytes.byteLength
      },
      commit: async () => {
        try {
          await Promise.all(pending)
          const marker: UnitMarker = { parts: pending.length, bytes: size }
          await this.db.state.put({ key: UNIT + key, value: marker })
        } catch (error) {
          await settle()
          if (isQuotaError(error)) throw await quotaExceeded(size)
          throw error
        }
      },
      discard: async () => {
        await settle()
        await this.db.state.where('key').startsWith(partsOf(key)).delete()
      },
    }
  }

  /**
   * One `put` through IndexedDB itself, so that the value is cloned before this returns (a
   * library may defer the call); resolves when its transaction commits. A view on a larger
   * buffer is copied out first: a clone takes the whole buffer.
   */
  private putNow(key: string, bytes: Uint8Array): Promise<void> {
    const own =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
    const tx = this.db.backendDB().transaction('state', 'readwrite')
    tx.objectStore('state').put({ key, value: own })
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onabort = () => reject(tx.error ?? new Error(`écriture de ${key} annulée`))
    })
  }

  async units(): Promise<string[]> {
    const keys = await this.db.state.where('key').startsWith(UNIT).primaryKeys()
    return keys.map((k) => k.slice(UNIT.length))
  }

  async *read(key: string): AsyncIterable<Uint8Array> {
    const marker = (await this.db.state.get(UNIT + key))?.value
    if (marker instanceof Uint8Array) {
      yield marker
      return
    }
    const parts = (marker as UnitMarker | undefined)?.parts ?? 0
    for (let n = 0; n < parts; n++) {
      const part = (await this.db.state.get(partKey(key, n)))?.value
      if (!(part instanceof Uint8Array)) {
        throw new Error(`partie ${n + 1}/${parts} de l’unité ${key} absente de la reprise`)
      }
      yield part
    }
  }

  async clear(): Promise<void> {
    await this.db.transaction('rw', this.db.state, async () => {
      await this.db.state.where('key').startsWith(UNIT).delete()
      await this.db.state.where('key').startsWith(PART).delete()
      await this.db.state.delete(CHECKPOINT)
    })
  }
}
