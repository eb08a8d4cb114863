/**
 * Parsing and mapping of one unit of work (an `$export` output file, a delta page): Bundle
 * bytes in, a mapped batch out (core/snapshot/batch.ts: validation, access policy, mapping).
 * That is most of a sync's CPU (~0.8 s per 82 MB export file), and each unit is independent,
 * so a host may provide a {@link UnitProcessor} that maps several units at once elsewhere —
 * the Node hosts use worker threads (main/sync-workers.ts). By default it runs in this thread.
 */
import type { Deflate, MappedBatch } from '../snapshot/batch'
import { BatchMapper } from '../snapshot/batch'
import type { Inflate } from '../snapshot/builder-output'
import type { AccessProfile } from '../snapshot/records'
import { BundleParser } from './bundle-parser'

/** The processor lost a unit (e.g. its worker died): the caller reads it again. */
export class UnitLostError extends Error {
  override name = 'UnitLostError'
}

export interface UnitInput {
  /** The Bundle's bytes, as received. */
  bytes: Uint8Array[]
  profile: AccessProfile
  /** Where the resources come from, for skip reasons (e.g. `export 3/79`). */
  source: string
  /** Collect `Type/id` of every resource met (a delta removes what it saw but may not keep). */
  collectSeen: boolean
}

export interface UnitCounts {
  /** Resources handed to the model. */
  resources: number
  /** Entries with `search.mode = match` (offers of an export file, matches of a page). */
  matches: number
}

export interface MappedUnit {
  /** Top-level Bundle properties other than `entry`. */
  fields: Map<string, unknown>
  batch: MappedBatch
  counts: UnitCounts
  /** `Type/id` of every resource met (when asked). */
  seen: string[]
  bytes: number
}

export interface UnitProcessor {
  /** Units mapped at once: the engine keeps as many downloads in flight. */
  readonly concurrency: number
  /**
   * Parses and maps one unit. Rejects with a `BundleSyntaxError` (bundle-parser.ts) when the
   * bytes are not one whole JSON object: the caller fetches the unit again.
   */
  map(input: UnitInput): Promise<MappedUnit>
  /**
   * Optional: no unit will come for a while (the engine calls it once every unit of a sync is
   * mapped, before the snapshot is assembled): a pool may stop its workers to free memory.
   */
  release?(): Promise<void>
  /**
   * Optional: a buffer to receive a unit of `length` bytes into, reused from unit to unit
   * (undefined: allocate one). A fresh buffer of an export file's size (~82 MB) per unit makes
   * the host's JavaScript engine run a full garbage collection of its whole heap — which holds
   * the builder's facts of every resource — at each unit ("external memory pressure"). The
   * caller hands the buffer to `map`, which gives it back once mapped, or else to `recycle`.
   */
  lease?(length: number): Uint8Array | undefined
  /** Takes back a buffer from `lease` that will not be mapped (e.g. its body broke). */
  recycle?(bytes: Uint8Array): void
  /** Block codec matching what `map` produced, for the builder (fflate when absent). */
  inflate?: Inflate
  deflate?: Deflate
}

/** Entries mapped between two yields to the event loop (~20 ms of work). */
const YIELD_EVERY = 256

/** Lets pending I/O callbacks run (a macrotask: timers run after I/O in Node and browsers). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

type Entry = { resource?: { resourceType?: unknown; id?: unknown }; search?: { mode?: unknown } }

/**
 * Parses a unit's Bundle and maps its entries. With `yields`, lets the event loop run every few
 * hundred entries (in the thread that also downloads the next unit).
 */
export async function mapUnitBytes(
  input: UnitInput,
  options: { deflate?: Deflate; yields?: boolean } = {},
): Promise<MappedUnit> {
  const mapper = new BatchMapper(input.profile, 20, options.deflate)
  const parser = new BundleParser({ parseEntries: true })
  const fields = new Map<string, unknown>()
  const counts: UnitCounts = { resources: 0, matches: 0 }
  const seen: string[] = []
  let n = 0
  for (const chunk of input.bytes) {
    for (const item of parser.feed(chunk)) {
      if (item.kind === 'field') {
        fields.set(item.name, item.value)
        continue
      }
      if (options.yields && ++n % YIELD_EVERY === 0) await yieldToEventLoop()
      let entry: Entry
      try {
        entry = (item.kind === 'parsed' ? item.value : JSON.parse(item.text)) as Entry
      } catch (error) {
        mapper.skip({
          resourceType: '?',
          element: 'Bundle.entry',
          message: `entrée illisible : ${(error as Error).message}`,
          source: input.source,
        })
        continue
      }
      const resource = entry?.resource
      if (
        input.collectSeen &&
        typeof resource?.resourceType === 'string' &&
        typeof resource.id === 'string'
      ) {
        seen.push(`${resource.resourceType}/${resource.id}`)
      }
      if (entry?.search?.mode === 'match') counts.matches += 1
      counts.resources += 1
      mapper.addEntry(entry, input.source)
    }
  }
  parser.end()
  return { fields, batch: mapper.seal(), counts, seen, bytes: parser.bytes }
}

/** The default: parse and map in this thread, one unit at a time. */
export const IN_THREAD_PROCESSOR: UnitProcessor = {
  concurrency: 1,
  map: (input) => mapUnitBytes(input, { yields: true }),
}
