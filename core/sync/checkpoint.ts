/**
 * The checkpoint of a sync in progress: enough to resume it in a new process. It is read back
 * from disk or IndexedDB, so it is parsed with a schema (CONVENTIONS 5); a checkpoint that does
 * not parse, or that belongs to another server / profile / region, is ignored and cleared.
 */
import { z } from 'zod'
import { ACCESS_PROFILES, type AccessProfile } from '../snapshot/records'

export const CHECKPOINT_VERSION = 1

const partSchema = z.object({
  id: z.string(),
  resourceType: z.enum([
    'HealthcareService',
    'Location',
    'Organization',
    'PractitionerRole',
    'Practitioner',
  ]),
  region: z.string().optional(),
  /** `_lastUpdated` window [from, to) as ISO instants; `to` absent = no upper bound. */
  from: z.string(),
  to: z.string().optional(),
})
export type DeltaPart = z.infer<typeof partSchema>

export const checkpointSchema = z.object({
  version: z.literal(CHECKPOINT_VERSION),
  server: z.string(),
  profile: z.union(ACCESS_PROFILES.map((p) => z.literal(p))),
  region: z.string().nullable(),
  startedAt: z.string(),
  full: z
    .object({
      /** `Content-Location` of the kick-off (Bulk Data IG). */
      pollUrl: z.string(),
      transactionTime: z.string().optional(),
      outputs: z.array(z.string()).optional(),
    })
    .optional(),
  delta: z
    .object({
      /** Identifies the snapshot the delta applies to (manifest checksum + creation). */
      base: z.string(),
      /** Start of the next sync window (the server clock at this sync's start, less a margin). */
      nextSince: z.string(),
      parts: z.array(partSchema),
    })
    .optional(),
})
export type Checkpoint = z.infer<typeof checkpointSchema>

export interface CheckpointScope {
  server: string
  profile: AccessProfile
  region: string | null
}

/** The stored checkpoint when it parses and matches the scope; null otherwise. */
export function usableCheckpoint(raw: unknown, scope: CheckpointScope): Checkpoint | null {
  const parsed = checkpointSchema.safeParse(raw)
  if (!parsed.success) return null
  const cp = parsed.data
  const sameScope =
    cp.server === scope.server && cp.profile === scope.profile && cp.region === scope.region
  return sameScope && (cp.full !== undefined || cp.delta !== undefined) ? cp : null
}

/** Staged unit keys: sortable, so replay follows the fetch order. */
export function exportUnitKey(index: number): string {
  return `export-${String(index).padStart(5, '0')}`
}

export function deltaUnitKey(partId: string, page: number): string {
  return `delta-${partId}-${String(page).padStart(6, '0')}`
}

/** Page number of a staged delta unit of `partId`, or undefined for another part's unit. */
export function deltaPageOf(key: string, partId: string): number | undefined {
  const prefix = `delta-${partId}-`
  if (!key.startsWith(prefix)) return undefined
  const rest = key.slice(prefix.length)
  return /^\d{6}$/.test(rest) ? Number(rest) : undefined
}
