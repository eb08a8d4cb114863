/** What the full and delta runners share during one sync. */
import type { AccessProfile } from '../snapshot/records'
import type { Checkpoint } from './checkpoint'
import type { SyncEvent, SyncPhase } from './events'
import type { RorClient } from './ror-client'
import type { SnapshotStore } from './snapshot-store'
import type { TokenProvider } from './token'
import type { UnitProcessor } from './unit-processor'
import type { SyncStateStore } from './state-store'

export interface SyncContext {
  client: RorClient
  tokens: TokenProvider
  store: SnapshotStore
  /** FHIR base without a trailing slash. */
  fhirBase: string
  profile: AccessProfile
  region: string | null
  state: SyncStateStore
  emit: (event: SyncEvent) => void
  signal?: AbortSignal
  /** Wall clock (ms since the epoch). */
  now: () => number
  /** Counters for the summary. */
  totals: { bytes: number; units: number; resumedUnits: number }
  /** `_count` asked for delta pages (the server may lower it). */
  pageSize: number
  /** Longest wait for an `$export` job (ms). */
  exportMaxWaitMs: number
  /** Result cap of a search on the server (10,000 on the ROR, notes §5.4). */
  resultCap: number
  /** Parses and maps units (in this thread, or a host's workers). */
  processor: UnitProcessor
  /** Saves the checkpoint (with the scope filled in). */
  saveCheckpoint: (update: Pick<Checkpoint, 'full' | 'delta'>) => Promise<void>
}

export function phase(ctx: SyncContext, phase: SyncPhase, message: string): void {
  ctx.emit({ type: 'phase', phase, message })
}

/** Diagnostics of an OperationOutcome body, or the text itself. */
export function outcomeText(body: string): string {
  try {
    const parsed = JSON.parse(body) as {
      resourceType?: unknown
      issue?: { code?: unknown; diagnostics?: unknown }[]
    }
    if (parsed.resourceType === 'OperationOutcome' && Array.isArray(parsed.issue)) {
      return parsed.issue
        .map((i) => [i.code, i.diagnostics].filter((x) => typeof x === 'string').join(' : '))
        .join(' ; ')
    }
  } catch {
    // not JSON
  }
  return body.slice(0, 300)
}

/** Issue codes of an OperationOutcome body (empty when it is not one). */
export function outcomeCodes(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { resourceType?: unknown; issue?: { code?: unknown }[] }
    if (parsed.resourceType !== 'OperationOutcome' || !Array.isArray(parsed.issue)) return []
    return parsed.issue.flatMap((i) => (typeof i.code === 'string' ? [i.code] : []))
  } catch {
    return []
  }
}
