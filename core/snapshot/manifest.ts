/**
 * The snapshot manifest: what a snapshot holds, for which access profile, from where, and how
 * to check it is whole. Stored in the snapshot file header and, by the app, as the small
 * manifest row next to the packed record chunks.
 */
import { z } from 'zod'
import { ACCESS_PROFILES, RECORD_TYPES, type AccessProfile, type RecordType } from './records'

/**
 * Newest snapshot file format this code reads and writes: 2 adds the overlay of a delta sync
 * (chunks' `dead` lists, codec.ts); a file without dead records is still written as format 1.
 */
export const SNAPSHOT_FORMAT_VERSION = 2
/** Oldest format version this code can still read (see UPGRADES in codec.ts). */
export const OLDEST_READABLE_FORMAT_VERSION = 1

/** Chunk kinds: the five record types plus the derived offer placements. */
export type ChunkKind = RecordType | 'placement'
export const CHUNK_KINDS: readonly ChunkKind[] = [...RECORD_TYPES, 'placement']

export interface SkippedReason {
  resourceType: string
  id?: string
  /** Element path, e.g. `HealthcareService.extension[2].valueRange.low.value`, or `(input)`. */
  element: string
  message: string
  /** Input file (and line for NDJSON) when known. */
  source?: string
}

export interface SnapshotSource {
  kind: 'import' | 'sync' | 'demo'
  /** FHIR base URL for a sync. */
  server?: string
  /** Input file names for an import. */
  files?: string[]
  /** Region scope (TRE_R30 code) when the sync was limited to a region. */
  region?: string
}

export interface SnapshotManifest {
  formatVersion: number
  accessProfile: AccessProfile
  source: SnapshotSource
  /** ISO date-time the snapshot file was written. */
  createdAt: string
  /** Records per kind (placements included). */
  counts: Record<ChunkKind, number>
  /** Resources rejected by validation: how many, and the first reasons. */
  skipped: { count: number; reasons: SkippedReason[] }
  /** Resources of other types (Task, OperationOutcome…) that a snapshot does not hold. */
  ignored: Record<string, number>
  /** Older versions of a resource dropped because a newer `meta.lastUpdated` was seen. */
  superseded: number
  /** Resources the access profile may not see at all (hidden whole). */
  hiddenByProfile: number
  /** Integrity: CRC-32 of every chunk, combined (see crc32.ts for why CRC-32). */
  checksum: { algorithm: 'crc32-chunks'; value: string }
  /** Sync bookkeeping (core/sync): start of the last successful sync and of the last full one. */
  sync?: { lastSyncStart?: string; lastFullSync?: string }
}

const skippedReason = z.object({
  resourceType: z.string(),
  id: z.string().optional(),
  element: z.string(),
  message: z.string(),
  source: z.string().optional(),
})

const count = z.number().int().nonnegative()

export const manifestSchema = z.object({
  formatVersion: z.number().int().positive(),
  accessProfile: z.union(ACCESS_PROFILES.map((p) => z.literal(p))),
  source: z.object({
    kind: z.enum(['import', 'sync', 'demo']),
    server: z.string().optional(),
    files: z.array(z.string()).optional(),
    region: z.string().optional(),
  }),
  createdAt: z.string(),
  counts: z.object(
    Object.fromEntries(CHUNK_KINDS.map((k) => [k, count])) as Record<ChunkKind, typeof count>,
  ),
  skipped: z.object({ count, reasons: z.array(skippedReason) }),
  ignored: z.record(z.string(), count),
  superseded: count,
  hiddenByProfile: count,
  checksum: z.object({ algorithm: z.literal('crc32-chunks'), value: z.string() }),
  sync: z
    .object({ lastSyncStart: z.string().optional(), lastFullSync: z.string().optional() })
    .optional(),
})

/** Zero counts for every chunk kind. */
export function emptyCounts(): Record<ChunkKind, number> {
  return Object.fromEntries(CHUNK_KINDS.map((k) => [k, 0])) as Record<ChunkKind, number>
}
