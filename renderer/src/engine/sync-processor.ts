/**
 * The sync engine's unit processor in the browser-mode sync worker (sync-runner.ts): units are
 * parsed and mapped in this thread, as core/sync's default does, with less garbage for the
 * worker's heap to carry (bench `sync-browser`, national scale):
 * - the builder's blocks (128 mapped records, deflated while they wait for the snapshot's
 *   end) are deflated with a 128 KB hash table instead of fflate's default for their size
 *   (1 MB, zeroed, per block: ~12,000 blocks in a national sync) — 2 % larger blocks, no
 *   slower; they are never stored as they are (the stored chunks are encoded anew from the
 *   records' JSON), so what is stored does not change;
 * - those blocks are inflated into one reused scratch buffer, then copied out at their exact
 *   size, instead of into a buffer grown by doubling (fflate's default: about three times the
 *   decoded size allocated per block).
 *
 * Export files are still received into a buffer of their own each (no `lease`): buffers
 * reused from file to file, tried, stay alive for the whole download, and the JavaScript
 * engine lets its heap grow in proportion to what is alive — the national peak was no lower
 * with them (1.95 GB against 1.86 GB without, within the noise of two runs).
 */
import { deflateSync, inflateSync } from 'fflate'
import type { Deflate } from '../../../core/snapshot/batch'
import type { Inflate } from '../../../core/snapshot/builder-output'
import { mapUnitBytes, type UnitProcessor } from '../../../core/sync/unit-processor'

/**
 * Raw DEFLATE decoding through a reused scratch buffer; the result is a copy of the exact
 * decoded size (the builder keeps views of it). fflate writes no further than a given output
 * buffer and says nothing when it is full (or throws, for a stored block), so a result that
 * fills the scratch buffer is decoded again without one (and the scratch grows for the next
 * blocks).
 */
export function scratchInflate(initialBytes = 1 << 20, maxBytes = 16 << 20): Inflate {
  let scratch = new Uint8Array(initialBytes)
  return (bytes) => {
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
}

/** Raw DEFLATE of the builder's blocks: level 1 as core/snapshot/batch.ts, a smaller table. */
export const blockDeflate: Deflate = (raw) => deflateSync(raw, { level: 1, mem: 4 })

/**
 * A processor for one sync: maps in this thread (yielding to the event loop, which downloads
 * the next file meanwhile), with {@link blockDeflate} and {@link scratchInflate}.
 */
export function browserUnitProcessor(): UnitProcessor {
  return {
    concurrency: 1,
    map: (input) => mapUnitBytes(input, { yields: true, deflate: blockDeflate }),
    deflate: blockDeflate,
    inflate: scratchInflate(),
  }
}
