/**
 * A {@link UnitProcessor} for the Node hosts (CLI, Electron main): units of work are parsed and
 * mapped in worker threads, so a full sync uses every core — the client's CPU per export file
 * (~0.8 s for 82 MB: JSON.parse, validation, access policy, mapping) is its bottleneck. Units
 * are received into buffers shared with the workers and reused (sync-buffers.ts).
 * core/ stays process-agnostic: it only sees the interface; without a pool it maps in-thread.
 *
 * If a worker cannot start or dies, its unit (and every later one) is mapped in this thread:
 * a sync never fails because of the pool.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { BundleSyntaxError } from '../core/sync/bundle-parser'
import {
  UnitLostError,
  mapUnitBytes,
  type MappedUnit,
  type UnitInput,
  type UnitProcessor,
} from '../core/sync/unit-processor'
import { concatBytes } from '../core/snapshot/codec'
import { collectGarbage, SharedBuffers } from './sync-buffers'
import { unitOfReply } from '../core/sync/unit-wire'
import type { WorkerReply, WorkerRequest } from './sync-worker'

export interface SyncWorkerOptions {
  /** Worker threads (default: the number of cores, at most 4). */
  size?: number
  /** The worker script; by default sync-worker.ts next to this file, loaded through tsx. */
  workerUrl?: URL
  /** Units of at least this many bytes are received into reused shared buffers (default 1 MiB). */
  sharedFrom?: number
}

interface Job {
  input: UnitInput
  /** The unit's bytes are in a buffer of {@link SharedBuffers}, given back once mapped. */
  shared?: Uint8Array
  resolve: (unit: MappedUnit) => void
  reject: (error: unknown) => void
}

interface Slot {
  worker: Worker
  /** The worker has loaded its script. */
  ready: boolean
  job?: Job & { id: number }
}

const inflate = (bytes: Uint8Array): Uint8Array => inflateRawSync(bytes)
const deflate = (raw: Uint8Array): Uint8Array => deflateRawSync(raw, { level: 1 })

/**
 * The unit's bytes as one buffer the worker can take over: as they are when they already are
 * one standalone buffer (the engine passes that), else copied (received chunks may share
 * memory with other data).
 */
function packed(bytes: readonly Uint8Array[]): Uint8Array {
  const only = bytes[0]
  if (bytes.length === 1 && only && only.byteOffset === 0) {
    if (only.buffer instanceof ArrayBuffer && only.byteLength === only.buffer.byteLength)
      return only
  }
  return concatBytes(bytes)
}

/**
 * A TypeScript worker script (tests, CLI through tsx) is loaded through tsx's loader, which
 * worker threads do not inherit from `--import tsx`; a built script is started directly.
 */
function startWorker(url: URL): Worker {
  // A unit's live data is small (one entry at a time, the mapped JSON of one file): a bounded
  // heap keeps each worker's memory from growing with lazy garbage collection. A young
  // generation larger than the default lets more of an entry's objects die young instead of
  // being promoted: measured on an export file, 0.98 s of CPU (all threads) instead of 1.19 s,
  // and a lower memory peak.
  const resourceLimits = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 96 }
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { resourceLimits })
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(boot, { eval: true, resourceLimits })
}

export class SyncWorkerPool implements UnitProcessor {
  readonly concurrency: number
  readonly inflate = inflate
  readonly deflate = deflate
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private readonly buffers: SharedBuffers
  private nextId = 1
  private broken = false

  private readonly url: URL

  constructor(options: SyncWorkerOptions = {}) {
    this.concurrency = Math.max(1, options.size ?? Math.min(4, availableParallelism()))
    this.url = options.workerUrl ?? new URL('./sync-worker.ts', import.meta.url)
    // One per worker and one downloading: what export-sync.ts keeps in flight.
    this.buffers = new SharedBuffers(this.concurrency + 1, options.sharedFrom ?? 1 << 20)
    this.start(1)
  }

  /**
   * Starts workers (again, after `release`) up to `count`. One at first, more only when units
   * wait: a delta's pages come one at a time and one worker keeps up with them, while each
   * worker costs ~0.3 s of CPU to start (under tsx) on the cores the sync needs.
   */
  private start(count: number): void {
    for (let i = this.slots.length; i < Math.min(count, this.concurrency); i++) {
      const slot: Slot = { worker: startWorker(this.url), ready: false }
      slot.worker.on('message', (reply: WorkerReply | 'ready') => {
        if (reply !== 'ready') return this.settle(slot, reply)
        slot.ready = true
        this.dispatch()
      })
      slot.worker.on('error', (error) => this.fail(slot, error))
      slot.worker.on('exit', (code) => this.fail(slot, new Error(`worker exited (${code})`)))
      // An idle pool does not keep the process alive (see updateRefs).
      slot.worker.unref()
      this.slots.push(slot)
    }
  }

  /**
   * No unit for a while (the engine calls it once the last unit is mapped): the workers stop,
   * giving their memory back before the snapshot is assembled; the next `map` starts them.
   */
  async release(): Promise<void> {
    if (this.queue.length > 0 || this.slots.some((s) => s.job)) return
    const held = this.buffers.trim()
    await this.close()
    // The shared buffers (~280 MB at national scale) are only freed by a full collection, which
    // V8 would not run before the snapshot is assembled — the sync's memory peak.
    if (held > 0) collectGarbage()
  }

  /** Workers started (and not released). */
  get workers(): number {
    return this.slots.length
  }

  lease(length: number): Uint8Array | undefined {
    return this.buffers.lease(length)
  }

  recycle(bytes: Uint8Array): void {
    this.buffers.recycle(bytes)
  }

  map(input: UnitInput): Promise<MappedUnit> {
    const only = input.bytes.length === 1 ? input.bytes[0] : undefined
    const shared = this.buffers.owns(only) ? only : undefined
    if (this.broken) return this.mapHere({ input, ...(shared ? { shared } : {}) })
    this.start(1)
    return new Promise((resolve, reject) => {
      this.queue.push({ input, ...(shared ? { shared } : {}), resolve, reject })
      this.dispatch()
      // Units still waiting after dispatch, beyond the workers still starting: one more worker
      // for each, up to `concurrency`.
      const starting = this.slots.filter((s) => !s.job).length
      this.start(this.slots.length + Math.max(0, this.queue.length - starting))
      this.updateRefs()
    })
  }

  /** Maps in this thread (the pool is broken), then gives the shared buffer back. */
  private mapHere(job: Pick<Job, 'input' | 'shared'>): Promise<MappedUnit> {
    const done = () => {
      if (job.shared) this.buffers.recycle(job.shared)
    }
    const mapped = mapUnitBytes(job.input, { deflate, yields: true })
    mapped.then(done, done)
    return mapped
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || this.queue.length === 0) continue
      const job = this.queue.shift()!
      const id = this.nextId++
      if (job.shared) {
        // Shared with the worker: nothing copied, nothing transferred.
        const buffer = job.shared.buffer as SharedArrayBuffer
        slot.job = { ...job, id }
        const input = { ...job.input, bytes: [] }
        const shared = { buffer, byteLength: job.shared.byteLength }
        const request: WorkerRequest = { id, input, shared }
        slot.worker.postMessage(request)
        continue
      }
      const bytes = packed(job.input.bytes)
      // The received chunks are not needed any more (the worker gets the packed copy).
      job.input = { ...job.input, bytes: [] }
      slot.job = { ...job, id }
      const request: WorkerRequest = { id, input: { ...job.input, bytes: [bytes] } }
      slot.worker.postMessage(request, [bytes.buffer as ArrayBuffer])
    }
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    const job = slot.job
    if (!job || job.id !== reply.id) return
    slot.job = undefined
    if (job.shared) this.buffers.recycle(job.shared)
    if ('unit' in reply) job.resolve(unitOfReply(reply))
    else {
      const error =
        reply.error.name === 'BundleSyntaxError'
          ? new BundleSyntaxError(reply.error.message)
          : new Error(reply.error.message)
      job.reject(error)
    }
    this.dispatch()
    this.updateRefs()
  }

  /**
   * The workers keep the process alive while units are queued or mapping (a unit waiting for
   * a worker that is still starting must not let the event loop run dry), not when idle.
   */
  private updateRefs(): void {
    const busy = this.queue.length > 0 || this.slots.some((s) => s.job !== undefined)
    for (const slot of this.slots) {
      if (busy) slot.worker.ref()
      else slot.worker.unref()
    }
  }

  /**
   * A worker failed (e.g. out of memory on a huge unit): the queued units and every later one
   * are mapped here. The unit it was mapping is reported lost (its bytes went to the worker):
   * the engine reads it again, and maps it here.
   */
  private fail(slot: Slot, error: unknown): void {
    if (this.broken) return
    this.broken = true
    const message = (error as Error)?.message ?? String(error)
    process.emitWarning(`sync workers disabled: ${message}`)
    const running = this.slots.flatMap((s) => s.job ?? [])
    const queued = this.queue.splice(0)
    for (const s of this.slots) s.job = undefined
    void this.close()
    for (const job of running) {
      if (job.shared) this.buffers.recycle(job.shared)
      job.reject(new UnitLostError(`sync worker failed: ${message}`))
    }
    for (const job of queued) this.mapHere(job).then(job.resolve, job.reject)
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0)
    for (const s of slots) s.worker.removeAllListeners('exit')
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }
}
