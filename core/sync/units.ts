/**
 * Units of work: one `$export` output file or one delta page. A unit is downloaded while its
 * bytes are staged (for a resume) and its Bundle is parsed incrementally; it counts only once
 * the whole Bundle has arrived. Then its entries go through the model (validation, access
 * policy, mapping: `SnapshotBuilder.add`) — or, after a crash, they are replayed from staging.
 */
import type { SnapshotBuilder } from '../snapshot/builder'
import { BundleParser, BundleSyntaxError, parseBundleStream } from './bundle-parser'
import { ProtocolError } from './errors'
import { IncompleteBodyError } from './ror-client'
import type { StagedUnitWriter, SyncStateStore } from './state-store'

export interface ParsedUnit {
  /** Text of each Bundle entry, in order. */
  entries: string[]
  /** Top-level Bundle properties other than `entry`. */
  fields: Map<string, unknown>
  bytes: number
}

/** The `next` link of a searchset page (FHIR search §3.1.1.5), if any. */
export function nextLink(unit: ParsedUnit): string | undefined {
  const links = unit.fields.get('link')
  if (!Array.isArray(links)) return undefined
  const next = links.find((l: { relation?: unknown }) => l?.relation === 'next') as
    { url?: unknown } | undefined
  return typeof next?.url === 'string' ? next.url : undefined
}

function checkBundle(unit: ParsedUnit, where: string): ParsedUnit {
  const type = unit.fields.get('resourceType')
  if (type !== 'Bundle') {
    throw new ProtocolError(`${where} : un Bundle FHIR était attendu, reçu « ${String(type)} »`)
  }
  return unit
}

/**
 * Reads a whole unit body: stages its bytes (when `staged` is given) and collects its entries.
 * A body that ends early is an {@link IncompleteBodyError} (the caller fetches it again);
 * the staged bytes are then discarded, so only complete units are ever committed.
 */
export async function readUnit(
  body: AsyncIterable<Uint8Array>,
  where: string,
  options: {
    staged?: StagedUnitWriter
    onBytes?: (bytes: number) => void
    /** Last check before the unit is committed; a throw discards it. */
    accept?: (unit: ParsedUnit) => void
  } = {},
): Promise<ParsedUnit> {
  const { staged, onBytes } = options
  const parser = new BundleParser()
  const unit: ParsedUnit = { entries: [], fields: new Map(), bytes: 0 }
  try {
    for await (const chunk of body) {
      if (staged) await staged.write(chunk)
      for (const item of parser.push(chunk)) {
        if (item.kind === 'entry') unit.entries.push(item.text)
        else unit.fields.set(item.name, item.value)
      }
      onBytes?.(chunk.byteLength)
    }
    parser.end()
    unit.bytes = parser.bytes
    checkBundle(unit, where)
    options.accept?.(unit)
  } catch (error) {
    await staged?.discard()
    if (error instanceof BundleSyntaxError) {
      throw new IncompleteBodyError(`${where} : ${error.message}`)
    }
    throw error
  }
  await staged?.commit()
  return unit
}

/** A committed unit read back from the state store. */
export async function replayUnit(state: SyncStateStore, key: string): Promise<ParsedUnit> {
  const unit: ParsedUnit = { entries: [], fields: new Map(), bytes: 0 }
  try {
    for await (const item of parseBundleStream(state.read(key))) {
      if (item.kind === 'entry') unit.entries.push(item.text)
      else unit.fields.set(item.name, item.value)
    }
  } catch (error) {
    throw new ProtocolError(`unité de reprise ${key} illisible (${(error as Error).message})`)
  }
  return checkBundle(unit, key)
}

/** Entries processed between two yields to the event loop (~20 ms of work). */
const YIELD_EVERY = 256

/** Lets pending I/O callbacks run (a macrotask: timers run after I/O in Node and browsers). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

export interface IngestCounts {
  /** Resources handed to the model. */
  resources: number
  /** Entries with `search.mode = match` (offers of an export file, matches of a page). */
  matches: number
}

/**
 * Hands a unit's resources to the builder (validation, access policy, mapping). `seen`
 * collects `Type/id` of every resource met — a delta removes the old version of a resource
 * it saw, even when the new one is hidden or invalid, as a full sync would.
 */
export async function ingestUnit(
  builder: SnapshotBuilder,
  unit: ParsedUnit,
  source: string,
  seen?: Set<string>,
): Promise<IngestCounts> {
  const counts: IngestCounts = { resources: 0, matches: 0 }
  for (const [i, text] of unit.entries.entries()) {
    // Let the next unit's download progress meanwhile (one event loop for both).
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop()
    let entry: { resource?: { resourceType?: unknown; id?: unknown }; search?: { mode?: unknown } }
    try {
      entry = JSON.parse(text) as typeof entry
    } catch (error) {
      builder.skip({
        resourceType: '?',
        element: 'Bundle.entry',
        message: `entrée illisible : ${(error as Error).message}`,
        source,
      })
      continue
    }
    const resource = entry?.resource
    if (seen && typeof resource?.resourceType === 'string' && typeof resource.id === 'string') {
      seen.add(`${resource.resourceType}/${resource.id}`)
    }
    if (entry?.search?.mode === 'match') counts.matches += 1
    counts.resources += 1
    builder.addEntry(entry, source)
  }
  return counts
}
