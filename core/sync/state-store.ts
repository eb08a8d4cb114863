/**
 * Where a sync keeps what lets it resume after a crash, a kill or a power cut: a small
 * checkpoint (the plan: the `$export` job, the delta queries) and the raw bytes of every unit
 * of work already fetched (an export output file, a delta page). A unit becomes visible only
 * when it is complete (`commit`), so a resumed sync either reuses it whole or fetches it again.
 *
 * Hosts: a folder next to the snapshot (CLI, Electron main — main/sync-files.ts), IndexedDB
 * (browser mode — renderer/src/storage/sync-state.ts), memory (tests, or no resume).
 */

export interface StagedUnitWriter {
  write(bytes: Uint8Array): Promise<void>
  /** Makes the unit durable and visible to `units()` / `read()`. */
  commit(): Promise<void>
  /** Drops a unit that will not be committed. */
  discard(): Promise<void>
}

export interface SyncStateStore {
  loadCheckpoint(): Promise<unknown>
  saveCheckpoint(checkpoint: unknown): Promise<void>
  /** Starts writing unit `key` (replacing an uncommitted one). */
  stage(key: string): Promise<StagedUnitWriter>
  /** Keys of the committed units. */
  units(): Promise<string[]>
  read(key: string): AsyncIterable<Uint8Array>
  /** Removes the checkpoint and every unit. */
  clear(): Promise<void>
}

/** A state store in memory: a sync in the same process can resume; a new process cannot. */
export class MemoryStateStore implements SyncStateStore {
  private checkpoint: unknown = null
  private readonly committed = new Map<string, Uint8Array[]>()

  async loadCheckpoint(): Promise<unknown> {
    return this.checkpoint === null ? null : structuredClone(this.checkpoint)
  }

  async saveCheckpoint(checkpoint: unknown): Promise<void> {
    this.checkpoint = structuredClone(checkpoint)
  }

  async stage(key: string): Promise<StagedUnitWriter> {
    const parts: Uint8Array[] = []
    return {
      write: async (bytes) => {
        parts.push(bytes.slice())
      },
      commit: async () => {
        this.committed.set(key, parts)
      },
      discard: async () => {
        parts.length = 0
      },
    }
  }

  async units(): Promise<string[]> {
    return [...this.committed.keys()]
  }

  async *read(key: string): AsyncIterable<Uint8Array> {
    yield* this.committed.get(key) ?? []
  }

  async clear(): Promise<void> {
    this.checkpoint = null
    this.committed.clear()
  }
}
