/**
 * Inflating a chunk (raw DEFLATE of a JSON array of records) and parsing it, through one
 * scratch buffer per thread, reused from call to call: fflate's default output grows by
 * doubling from three times the input, ~2 MB of buffers per ~1 MB chunk that live only until
 * the text is made from them — outside the JavaScript heap, collected late.
 */
import { inflateSync, strFromU8 } from 'fflate'

const INITIAL = 1 << 20
/** A chunk that inflates to more is decoded into a buffer of its own (the scratch stays). */
const MAX = 16 << 20

let scratch: Uint8Array | undefined

/** The inflated bytes: a view of the scratch buffer, valid until the next call. */
function inflateToScratch(bytes: Uint8Array): Uint8Array {
  scratch ??= new Uint8Array(INITIAL)
  try {
    // fflate writes no further than a given buffer and says nothing when it is full (or
    // throws, for a stored block): a result that fills it is decoded again without one.
    const got = inflateSync(bytes, { out: scratch })
    if (got.length < scratch.length) return got
  } catch {
    // Decoded again below, where a real decoding error surfaces.
  }
  const whole = inflateSync(bytes)
  if (whole.length >= scratch.length && scratch.length < MAX) {
    scratch = new Uint8Array(Math.min(MAX, 2 ** Math.ceil(Math.log2(whole.length + 1))))
  }
  return whole
}

/** `JSON.parse` of the inflated text of `bytes`. */
export function inflateJson(bytes: Uint8Array): unknown {
  return JSON.parse(strFromU8(inflateToScratch(bytes)))
}
