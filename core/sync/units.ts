/**
 * Units of work: one `$export` output file or one delta page. A unit is downloaded while its
 * bytes are staged (for a resume); it counts only once the whole Bundle has arrived and been
 * parsed. Its entries go through the model (validation, access policy, mapping — in a
 * {@link UnitProcessor}, possibly another thread) and the mapped batch into the builder; after
 * a crash, committed units are replayed from staging.
 */
import { concatBytes } from '../snapshot/codec'
import type { SnapshotBuilder } from '../snapshot/builder'
import type { AccessProfile } from '../snapshot/records'
import { BundleSyntaxError } from './bundle-parser'
import { EARLY_FIELDS_LIMIT, earlyFields, nextOfLinks } from './early-fields'
import { ProtocolError } from './errors'
import { IncompleteBodyError } from './ror-client'
import type { StagedUnitWriter, SyncStateStore } from './state-store'
import {
  UnitLostError,
  type MappedUnit,
  type UnitCounts,
  type UnitProcessor,
} from './unit-processor'

export { yieldToEventLoop } from './unit-processor'
export type ParsedUnit = MappedUnit
export type IngestCounts = UnitCounts

/** How a unit is mapped. */
export interface UnitMapping {
  processor: UnitProcessor
  profile: AccessProfile
  /** Skip reasons name it (e.g. `export 3/79`). */
  source: string
  collectSeen?: boolean
}

/** The `next` link of a searchset page (FHIR search §3.1.1.5), if any. */
export function nextLink(unit: MappedUnit): string | undefined {
  return nextOfLinks(unit.fields.get('link'))
}

function checkBundle(unit: MappedUnit, where: string): MappedUnit {
  const type = unit.fields.get('resourceType')
  if (type !== 'Bundle') {
    throw new ProtocolError(`${where} : un Bundle FHIR était attendu, reçu « ${String(type)} »`)
  }
  return unit
}

function mapBytes(bytes: Uint8Array[], mapping: UnitMapping): Promise<MappedUnit> {
  return mapping.processor.map({
    bytes,
    profile: mapping.profile,
    source: mapping.source,
    collectSeen: mapping.collectSeen ?? false,
  })
}

/**
 * Reads a whole unit body: stages its bytes (when `staged` is given), then parses and maps it.
 * A body that ends early is an {@link IncompleteBodyError} (the caller fetches it again);
 * the staged bytes are then discarded, so only complete units are ever committed.
 */
export async function readUnit(
  body: AsyncIterable<Uint8Array>,
  where: string,
  mapping: UnitMapping,
  options: {
    staged?: StagedUnitWriter
    onBytes?: (bytes: number) => void
    /** Last check before the unit is committed; a throw discards it. */
    accept?: (unit: MappedUnit) => void
    /** The body's announced length (Content-Length), if any. */
    length?: number
    /** Called once with the Bundle's fields before its entries, if they can be read early. */
    early?: (fields: Record<string, unknown>) => void
  } = {},
): Promise<MappedUnit> {
  const { staged, onBytes } = options
  const processor = mapping.processor
  let unit: MappedUnit
  // A buffer leased from the processor, until `map` takes it over.
  let leased: Uint8Array | undefined
  try {
    // One buffer, staged in one write: a national sync stages 6.2 GB, and thousands of small
    // writes and copies per unit cost the sync's thread more than parsing does. (Staging as
    // the bytes arrive gained nothing: only complete units are committed.)
    const received = await receive(body, options.length, onBytes, processor, options.early)
    leased = received.leased ? received.bytes : undefined
    if (staged) await staged.write(received.bytes)
    // The processor holds the only reference to the bytes from now on.
    const mapped = mapBytes([received.bytes], mapping)
    leased = undefined
    unit = checkBundle(await mapped, where)
    options.accept?.(unit)
  } catch (error) {
    if (leased) processor.recycle?.(leased)
    await staged?.discard()
    // A broken body, or a unit the processor lost: the unit is fetched again.
    if (error instanceof BundleSyntaxError || error instanceof UnitLostError) {
      throw new IncompleteBodyError(`${where} : ${error.message}`)
    }
    throw error
  }
  await staged?.commit()
  return unit
}

/**
 * The whole body as one standalone buffer (which a worker-thread processor can take over):
 * received straight into a buffer of the announced length when there is one — leased from the
 * processor when it has one to reuse — so that the chunks are garbage at once; otherwise
 * gathered, then joined.
 */
async function receive(
  body: AsyncIterable<Uint8Array>,
  length: number | undefined,
  onBytes: ((bytes: number) => void) | undefined,
  processor: UnitProcessor,
  early?: (fields: Record<string, unknown>) => void,
): Promise<{ bytes: Uint8Array; leased: boolean }> {
  const ok = length !== undefined && Number.isSafeInteger(length) && length > 0
  const lease = ok ? processor.lease?.(length) : undefined
  let into: Uint8Array | undefined = lease ?? (ok ? new Uint8Array(length) : undefined)
  let at = 0
  const chunks: Uint8Array[] = []
  let peek = early
  try {
    for await (const chunk of body) {
      onBytes?.(chunk.byteLength)
      if (peek) {
        // What came before this chunk, then the start of this chunk (the fields come first).
        const head = into ? into.subarray(0, at) : concatBytes(chunks)
        const more = chunk.subarray(0, Math.max(0, EARLY_FIELDS_LIMIT - head.length))
        const fields = earlyFields(concatBytes([head, more]))
        if (fields !== undefined) peek = undefined
        if (fields) early!(fields)
      }
      if (into && at + chunk.byteLength <= into.length) {
        into.set(chunk, at)
        at += chunk.byteLength
        continue
      }
      if (into) {
        // More than announced: gather the rest (the parser judges the whole).
        chunks.push(into.slice(0, at))
        into = undefined
      }
      chunks.push(chunk)
    }
  } catch (error) {
    if (lease) processor.recycle?.(lease)
    throw error
  }
  if (lease && into === lease && at === lease.length) return { bytes: lease, leased: true }
  let bytes: Uint8Array
  if (!into) bytes = concatBytes(chunks)
  else bytes = at === into.length && into !== lease ? into : into.slice(0, at)
  // Fewer or more bytes than announced: copied out, the leased buffer is not needed.
  if (lease) processor.recycle?.(lease)
  return { bytes, leased: false }
}

/** A committed unit read back from the state store. */
export async function replayUnit(
  state: SyncStateStore,
  key: string,
  mapping: UnitMapping,
): Promise<MappedUnit> {
  const read = async () => {
    const bytes: Uint8Array[] = []
    for await (const chunk of state.read(key)) bytes.push(chunk)
    return [concatBytes(bytes)]
  }
  try {
    const unit = await mapBytes(await read(), mapping).catch(async (error: unknown) => {
      // The processor lost it: the staged bytes are still there, map them again.
      if (error instanceof UnitLostError) return mapBytes(await read(), mapping)
      throw error
    })
    return checkBundle(unit, key)
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError(`unité de reprise ${key} illisible (${(error as Error).message})`)
  }
}

/**
 * Hands a mapped unit to the builder. `seen` collects `Type/id` of every resource met — a
 * delta removes the old version of a resource it saw, even when the new one is hidden or
 * invalid, as a full sync would.
 */
export function ingestUnit(
  builder: SnapshotBuilder,
  unit: MappedUnit,
  seen?: Set<string>,
): UnitCounts {
  builder.addBatch(unit.batch)
  if (seen) for (const key of unit.seen) seen.add(key)
  return unit.counts
}
