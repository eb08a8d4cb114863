/**
 * Purge of the IndexedDB snapshot when the access profile is lowered (issue 5): the active
 * snapshot is rewritten for the new profile into the inactive slot and activated (same atomic
 * switch as a sync: on any error the previous snapshot stays active), then the slot that held
 * the old profile's data is emptied so nothing the new profile may not see stays on disk.
 * The rules are core/snapshot/profile-narrowing.ts, shared with Electron main's snapshot file.
 */
import {
  isPurgeNeeded,
  narrowedManifest,
  ProfileNarrower,
} from '../../../core/snapshot/profile-narrowing'
import { DEFAULT_CHUNK_SIZE } from '../../../core/snapshot/codec'
import { CHUNK_KINDS, emptyCounts, type SnapshotManifest } from '../../../core/snapshot/manifest'
import type { AccessProfile } from '../../../core/snapshot/records'
import type { SnapshotRepository } from './snapshots'

/**
 * Narrows the active snapshot to `profile`. Resolves with the manifest now active (unchanged
 * when the snapshot's profile already covers `profile`), or null when there is no snapshot.
 * `onProgress` counts records read in the second pass.
 */
export async function narrowActiveSnapshot(
  repo: SnapshotRepository,
  profile: AccessProfile,
  onProgress?: (done: number, total: number) => void,
): Promise<SnapshotManifest | null> {
  const active = await repo.active()
  if (!active) return null
  const old = active.manifest
  if (!isPurgeNeeded(old.accessProfile, profile)) return old
  const narrower = new ProfileNarrower(profile)
  await repo.forEachActiveChunk(
    (kind, records) => narrower.learn(kind, records),
    ProfileNarrower.LEARN_KINDS,
  )
  const total = CHUNK_KINDS.reduce((n, kind) => n + old.counts[kind], 0)
  let done = 0
  const counts = emptyCounts()
  const writer = await repo.beginWrite()
  try {
    // One kind at a time: the visit runs inside a read transaction where nothing can be
    // written, so the kept records wait in memory — at most one kind's worth.
    for (const kind of CHUNK_KINDS) {
      const kept: unknown[] = []
      const read = await repo.forEachActiveChunk(
        (chunkKind, records) => {
          for (const r of narrower.narrow(chunkKind, records)) kept.push(r)
          done += records.length
        },
        [kind],
      )
      if (read?.slot !== active.slot)
        throw new Error('L’instantané actif a changé pendant la purge.')
      for (let i = 0; i < kept.length; i += DEFAULT_CHUNK_SIZE) {
        await writer.writeChunk(kind, kept.slice(i, i + DEFAULT_CHUNK_SIZE))
      }
      counts[kind] = kept.length
      onProgress?.(done, total)
    }
    const manifest = narrowedManifest(old, narrower, counts)
    await writer.activate(manifest)
    // The old profile's data now sits in the inactive slot: empty it.
    await (await repo.beginWrite()).abort()
    return manifest
  } catch (error) {
    await writer.abort().catch(() => undefined)
    throw error
  }
}
