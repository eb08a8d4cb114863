/**
 * Memory helpers of the sync worker pool (sync-workers.ts): reused shared receive buffers, and
 * a full garbage collection once they are dropped.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * Buffers that units are received into, shared with the workers (SharedArrayBuffer) and reused
 * from unit to unit. Allocating an export file's 82 MB anew for each unit — or transferring it
 * to a worker and back — counts as new external memory each time, and V8 answers with a full
 * garbage collection of the main thread's heap, which holds the builder's facts of every
 * resource seen so far. Measured with a national sync's facts in the heap: 0.53 s of CPU per
 * export file received (0.35 s of it in the collector's threads), against 0.10 s with reused
 * shared buffers. At most `max` buffers (one per unit in flight: one per worker and the one
 * being downloaded); when none is free, the unit gets a plain buffer as before.
 */
export class SharedBuffers {
  private readonly free: SharedArrayBuffer[] = []
  private readonly leased = new Set<SharedArrayBuffer>()

  constructor(
    private readonly max: number,
    private readonly minLength: number,
  ) {}

  lease(length: number): Uint8Array | undefined {
    if (length < this.minLength) return undefined
    let buffer = this.takeFree(length)
    if (!buffer) {
      if (this.leased.size >= this.max) return undefined
      // At the bound, a free buffer (too small) makes room for a bigger one.
      if (this.leased.size + this.free.length >= this.max) this.free.pop()
      // With some room: the next units are about as big (export files of 5,000 offers).
      buffer = new SharedArrayBuffer(Math.ceil((length * 1.125) / 65_536) * 65_536)
    }
    this.leased.add(buffer)
    return new Uint8Array(buffer, 0, length)
  }

  private takeFree(length: number): SharedArrayBuffer | undefined {
    const i = this.free.findIndex((b) => b.byteLength >= length)
    return i < 0 ? undefined : this.free.splice(i, 1)[0]
  }

  /** Whether `bytes` was leased here (and not given back yet). */
  owns(bytes: Uint8Array | undefined): bytes is Uint8Array {
    return bytes !== undefined && this.leased.has(bytes.buffer as SharedArrayBuffer)
  }

  recycle(bytes: Uint8Array): void {
    const buffer = bytes.buffer as SharedArrayBuffer
    if (this.leased.delete(buffer)) this.free.push(buffer)
  }

  /** Drops the buffers not in use (no unit for a while); returns how many bytes they held. */
  trim(): number {
    const bytes = this.free.reduce((sum, b) => sum + b.byteLength, 0)
    this.free.length = 0
    return bytes
  }
}

/**
 * A full garbage collection, when the runtime lets us have one (V8's `gc`, reached without
 * `--expose-gc` on the command line): frees dropped shared buffers at once. Best effort.
 */
export function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as unknown
    if (typeof gc === 'function') (gc as () => void)()
  } catch {
    // No collection: the buffers go at the next one V8 runs by itself.
  }
}
