/** From a build result to the bytes of a snapshot file (used by the CLI import and the sync). */
import type { BuildResult } from './builder'
import { SnapshotEncoder } from './codec'
import type { SnapshotManifest, SnapshotSource } from './manifest'
import { RECORD_TYPES, type AccessProfile, type ResolvedPlacement } from './records'

export interface AssembleOptions {
  profile: AccessProfile
  source: SnapshotSource
  placements: readonly ResolvedPlacement[]
  /** Defaults to now. */
  createdAt?: string
  sync?: SnapshotManifest['sync']
  chunkSize?: number
}

/** Encodes records (chunked by type) and placements; returns the file parts, header first. */
export function assembleSnapshot(build: BuildResult, options: AssembleOptions): Uint8Array[] {
  const encoder = new SnapshotEncoder(options.chunkSize)
  // Type by type, decoded one record at a time: the records never sit in memory all at once.
  for (const type of RECORD_TYPES) encoder.addJson(type, build.jsonOf(type))
  encoder.add('placement', options.placements)
  const { skipped, ignored, superseded, hiddenByProfile } = build.stats
  return encoder.finish({
    accessProfile: options.profile,
    source: options.source,
    createdAt: options.createdAt ?? new Date().toISOString(),
    skipped,
    ignored,
    superseded,
    hiddenByProfile,
    ...(options.sync === undefined ? {} : { sync: options.sync }),
  })
}
