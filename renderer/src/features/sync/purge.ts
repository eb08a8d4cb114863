/**
 * Asks the engine worker to narrow its IndexedDB snapshot to a lower profile
 * (`engine:narrow` → renderer/src/storage/narrow-slot.ts).
 */
import type { AccessProfile } from '../../../../core/snapshot/records'
import { engineClient } from '../../engine/client'

/** Purges from this computer what `profile` may not see; rejects with a French message. */
export async function purgeActiveSnapshot(profile: AccessProfile): Promise<void> {
  await engineClient().send('engine:narrow', { profile })
}
