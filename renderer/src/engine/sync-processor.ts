/**
 * The sync engine's unit processor in the browser-mode sync worker (sync-runner.ts): units are
 * parsed and mapped in a worker of their own (map.worker.ts), started by the sync worker. The
 * sync worker keeps the builder's state of every resource for the whole download; the JavaScript
 * engine lets a heap grow in proportion to what it keeps alive before collecting its garbage,
 * and parsing 5 GB of JSON makes a lot of it: in a thread that keeps only the unit being
 * mapped, it is collected early and often (bench `sync-browser`, national scale). Where no
 * worker can start (Node tests), or if the map worker fails, units are mapped in this thread.
 *
 * The blocks (128 mapped records, deflated while they wait for the snapshot's end):
 * - are deflated with a 128 KB hash table instead of fflate's default for their size (1 MB,
 *   zeroed, per block: ~12,000 blocks in a national sync) — 2 % larger blocks, no slower;
 *   they are never stored as they are (the stored chunks are encoded anew from the records'
 *   JSON), so what is stored does not change;
 * - are inflated into one reused scratch buffer, then copied out at their exact size, instead
 *   of into a buffer grown by doubling (fflate's default: about three times the decoded size
 *   allocated per block).
 *
 * Export files are still received into a buffer of their own each (no `lease`): buffers
 * reused from file to file, tried, stay alive for the whole download, and the JavaScript
 * engine lets its heap grow in proportion to what is alive — the national peak was no lower
 * with them (1.95 GB against 1.86 GB without, within the noise of two runs).
 */
import { deflateSync, inflateSync } from 'fflate'
import type { Deflate } from '../../../core/snapshot/batch'
import type { Inflate } from '../../../core/snapshot/builder-output'
import { concatBytes } from '../../../core/snapshot/codec'
import { BundleSyntaxError } from '../../../core/sync/bundle-parser'
import {
  mapUnitBytes,
  UnitLostError,
  type MappedUnit,
  type UnitInput,
  type UnitProcessor,
} from '../../../core/sync/unit-processor'
import { unitOfReply } from '../../../core/sync/unit-wire'
import { transferable, type MapReply, type MapRequest } from './map-worker-protocol'

/**
 * Raw DEFLATE decoding through a reused scratch buffer; the result is a copy of the exact
 * decoded size (the builder keeps views of it) — or, with `into`, a view of the caller's own
 * reused buffer (core/snapshot/builder-output.ts reads blocks so). fflate writes no further
 * than a given output buffer and says nothing when it is full (or throws, for a stored
 * block), so a result that fills the scratch buffer is decoded again without one (and the
 * scratch grows for the next blocks).
 */
export function scratchInflate(initialBytes = 1 << 20, maxBytes = 16 << 20): Inflate {
  let scratch = new Uint8Array(initialBytes)
  const inflate: Inflate = (bytes) => {
    try {
      const out = inflateSync(bytes, { out: scratch })
      if (out.length < scratch.length) return out.slice()
    } catch {
      // Past the end of the scratch buffer (a stored block is copied with bounds checked):
      // decoded again below, where a real decoding error surfaces.
    }
    const whole = inflateSync(bytes)
    if (whole.length >= scratch.length && scratch.length < maxBytes) {
      scratch = new Uint8Array(Math.min(maxBytes, 2 ** Math.ceil(Math.log2(whole.length + 1))))
    }
    return whole
  }
  inflate.into = intoInflate
  return inflate
}

/** Decodes into `out` (a view of it), or undefined when the block does not fit (see above). */
function intoInflate(bytes: Uint8Array, out: Uint8Array): Uint8Array | undefined {
  try {
    const got = inflateSync(bytes, { out })
    return got.length < out.length ? got : undefined
  } catch {
    return undefined // past the end of `out` (a stored block): decoded again by the caller
  }
}

/** Raw DEFLATE of the builder's blocks: level 1 as core/snapshot/batch.ts, a smaller table. */
export const blockDeflate: Deflate = (raw) => deflateSync(raw, { level: 1, mem: 4 })

/** What is used of a Web Worker (this file is compiled for Node too: sync-worker-client.ts). */
export interface MapWorker {
  postMessage(message: MapRequest, transfer: ArrayBuffer[]): void
  terminate(): void
  onmessage: ((event: { data: MapReply }) => void) | null
  onerror: ((event: { message?: string }) => void) | null
}
declare const Worker: new (url: URL, options: { type: 'module'; name: string }) => MapWorker

const mapHere = (input: UnitInput) => mapUnitBytes(input, { yields: true, deflate: blockDeflate })

/**
 * Maps units in a map worker (`start` makes one; the next `map` after `release` starts it
 * again). If the worker fails, the units it held are lost (the engine reads them again) and
 * every later one is mapped in this thread: a sync never fails because of the worker.
 */
export class MapWorkerProcessor implements UnitProcessor {
  readonly concurrency = 1
  readonly deflate = blockDeflate
  readonly inflate = scratchInflate()
  private worker: MapWorker | undefined
  private readonly pending = new Map<
    number,
    { resolve: (unit: MappedUnit) => void; reject: (error: unknown) => void }
  >()
  private nextId = 1
  private broken = false

  constructor(private readonly start: () => MapWorker) {}

  map(input: UnitInput): Promise<MappedUnit> {
    if (this.broken) return mapHere(input)
    const worker = (this.worker ??= this.open())
    const id = this.nextId++
    // One standalone buffer, moved to the worker (the engine hands over one already).
    const only = input.bytes.length === 1 ? input.bytes[0]! : undefined
    const bytes = only && transferable([only]).length === 1 ? only : concatBytes(input.bytes)
    return new Promise<MappedUnit>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ id, input: { ...input, bytes: [bytes] } }, [bytes.buffer as ArrayBuffer])
    })
  }

  /** Every unit is mapped: the worker ends, giving its memory back before the build's end. */
  async release(): Promise<void> {
    if (this.pending.size > 0) return
    this.worker?.terminate()
    this.worker = undefined
  }

  private open(): MapWorker {
    const worker = this.start()
    worker.onmessage = ({ data: reply }) => {
      const job = this.pending.get(reply.id)
      if (!job) return
      this.pending.delete(reply.id)
      if ('unit' in reply) return job.resolve(unitOfReply(reply))
      const { name, message } = reply.error
      job.reject(name === 'BundleSyntaxError' ? new BundleSyntaxError(message) : new Error(message))
    }
    worker.onerror = (event) => this.fail(event.message || 'erreur du worker')
    return worker
  }

  private fail(message: string): void {
    this.broken = true
    this.worker?.terminate()
    this.worker = undefined
    const lost = [...this.pending.values()]
    this.pending.clear()
    for (const job of lost) job.reject(new UnitLostError(`worker de lecture arrêté : ${message}`))
  }
}

/**
 * A processor for one sync: a map worker where this thread can start one (see the module
 * comment), else mapping in this thread (yielding to the event loop, which downloads the next
 * file meanwhile).
 */
export function browserUnitProcessor(): UnitProcessor {
  if (typeof Worker !== 'undefined') {
    return new MapWorkerProcessor(
      () =>
        new Worker(new URL('./map.worker.ts', import.meta.url), { type: 'module', name: 'map' }),
    )
  }
  return {
    concurrency: 1,
    map: mapHere,
    deflate: blockDeflate,
    inflate: scratchInflate(),
  }
}
