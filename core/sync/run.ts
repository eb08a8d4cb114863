/**
 * The two kinds of sync, from fetch to switch: fetch (export-sync.ts / delta-sync.ts), write
 * the records into the store's inactive place (write-snapshot.ts), commit with the manifest.
 */
import type { BuildStats } from '../snapshot/builder'
import type { ManifestInput } from '../snapshot/codec'
import type { SnapshotManifest } from '../snapshot/manifest'
import type { CommuneCentroid } from '../snapshot/resolve'
import type { Checkpoint } from './checkpoint'
import { phase, type SyncContext } from './context'
import { DeltaTooLargeError, fetchDelta, SINCE_MARGIN_MS } from './delta-sync'
import { QuotaExceededError } from './errors'
import { PhaseMeter } from './events'
import { fetchFullExport } from './export-sync'
import type { FullSyncReason } from './mode'
import { throwIfCancelled } from './retry'
import type { SnapshotBase, SnapshotWriter } from './snapshot-store'
import { canOverlay, writeOverlay } from './write-overlay'
import {
  BaseUnsortedError,
  writeBuild,
  writeMerge,
  type MergeStats,
  type WriteOptions,
} from './write-snapshot'

export interface SyncOutcome {
  manifest?: SnapshotManifest
  changes?: MergeStats
  /** The delta could not be done: a full sync follows, for this reason. */
  fallback?: FullSyncReason
}

export async function runFullSync(
  ctx: SyncContext,
  resume: Checkpoint['full'],
  communeCentroid: CommuneCentroid | undefined,
): Promise<SyncOutcome> {
  const { build, transactionTime } = await fetchFullExport(ctx, resume)
  const expected = totalRecords(build.stats)
  const sync = {
    // The export holds every change up to its transactionTime (Bulk Data IG); the margin
    // covers clock differences between the ROR's servers.
    lastSyncStart: new Date(Date.parse(transactionTime) - SINCE_MARGIN_MS).toISOString(),
    lastFullSync: transactionTime,
  }
  const manifest = await write(ctx, expected, manifestInput(ctx, build.stats, sync), (w, o) =>
    writeBuild(build, w, { ...o, ...(communeCentroid ? { communeCentroid } : {}) }),
  )
  return { manifest }
}

export async function runDeltaSync(
  ctx: SyncContext,
  active: SnapshotBase,
  resume: Checkpoint['delta'],
  communeCentroid: CommuneCentroid | undefined,
): Promise<SyncOutcome> {
  const base = (await active.forDelta?.()) ?? active
  let fetched
  try {
    fetched = await fetchDelta(ctx, base, resume)
  } catch (error) {
    if (!(error instanceof DeltaTooLargeError)) throw error
    await ctx.state.clear()
    ctx.emit({ type: 'warning', message: `Delta trop volumineux (${error.message}).` })
    return { fallback: 'delta-too-large' }
  }
  const { build, seen, nextSince, facts } = fetched
  const counts = base.manifest.counts
  const expected = Object.values(counts).reduce((a, b) => a + b, 0) + totalRecords(build.stats)
  const sync = { lastSyncStart: nextSince, lastFullSync: base.manifest.sync!.lastFullSync! }
  let changes: MergeStats | undefined
  try {
    const manifest = await write(
      ctx,
      expected,
      manifestInput(ctx, build.stats, sync),
      async (w, o) => {
        const options = { ...o, ...(communeCentroid ? { communeCentroid } : {}) }
        const file = base.file?.reader
        // Overlay when the file and its facts allow it and the dead records stay few; else a
        // compact file (the merge reads and rewrites every record).
        if (
          file &&
          facts &&
          w.copyChunks &&
          w.writeFactsLayer &&
          build.itemsOf &&
          canOverlay(file, seen.size)
        ) {
          changes = await writeOverlay(file, facts, build, seen, w, options)
        } else changes = await writeMerge(base, build, seen, w, options)
      },
    )
    return { manifest, ...(changes ? { changes } : {}) }
  } catch (error) {
    if (!(error instanceof BaseUnsortedError)) throw error
    await ctx.state.clear()
    return { fallback: 'base-unsorted' }
  }
}

function totalRecords(stats: BuildStats): number {
  const records = Object.values(stats.counts).reduce((a, b) => a + b, 0)
  return records + stats.counts.offer // + one placement per offer
}

function manifestInput(
  ctx: SyncContext,
  stats: BuildStats,
  sync: NonNullable<SnapshotManifest['sync']>,
): ManifestInput {
  return {
    accessProfile: ctx.profile,
    source: {
      kind: 'sync',
      server: ctx.fhirBase,
      ...(ctx.region === null ? {} : { region: ctx.region }),
    },
    createdAt: new Date(ctx.now()).toISOString(),
    skipped: stats.skipped,
    ignored: stats.ignored,
    superseded: stats.superseded,
    hiddenByProfile: stats.hiddenByProfile,
    sync,
  }
}

/** Writes into a new inactive place and commits; on failure aborts (the active one stays). */
async function write(
  ctx: SyncContext,
  expected: number,
  input: ManifestInput,
  fill: (writer: SnapshotWriter, options: WriteOptions) => Promise<void>,
): Promise<SnapshotManifest> {
  phase(ctx, 'write', 'Enregistrement du nouvel instantané')
  const meter = new PhaseMeter('write')
  const writer = await ctx.store.begin()
  let total = expected
  try {
    await fill(writer, {
      onTotal: (records) => {
        total = records
      },
      onChunk: (written) => {
        throwIfCancelled(ctx.signal)
        meter.add(written - meter.count)
        const eta = meter.eta(written, total)
        ctx.emit({
          type: 'progress',
          phase: 'write',
          done: written,
          total: Math.max(total, written),
          unit: 'records',
          bytes: ctx.totals.bytes,
          rate: meter.rate(),
          ...(eta === undefined ? {} : { etaSeconds: eta }),
        })
      },
    })
    throwIfCancelled(ctx.signal)
    return await writer.commit(input)
  } catch (error) {
    await writer.abort().catch(() => undefined)
    if (error instanceof QuotaExceededError) {
      ctx.emit({
        type: 'quota-exceeded',
        bytesNeeded: error.bytesNeeded,
        ...(error.bytesAvailable === undefined ? {} : { bytesAvailable: error.bytesAvailable }),
      })
    }
    throw error
  }
}
