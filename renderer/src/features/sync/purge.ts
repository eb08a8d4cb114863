/**
 * Asks the engine worker to narrow its IndexedDB snapshot to a lower profile
 * (`engine:narrow` → renderer/src/storage/narrow-slot.ts), and, in the desktop app, finishes
 * at start-up a purge that a crash cut short: main records a profile change as pending
 * (main/purge-marker.ts) until this copy is narrowed too (`settings:completePurge`).
 */
import type { AccessProfile } from '../../../../core/snapshot/records'
import { engineClient } from '../../engine/client'
import type { EngineStatus } from '../../engine/protocol'
import type { DesktopApi } from '../../platform/types'

/** Purges from this computer what `profile` may not see; rejects with a French message. */
export async function purgeActiveSnapshot(profile: AccessProfile): Promise<EngineStatus> {
  return engineClient().send('engine:narrow', { profile })
}

/** Tells main this copy holds nothing above `profile` (a failure only delays it: logged). */
export async function confirmPurged(
  desktop: Pick<DesktopApi, 'completePurge'>,
  profile: AccessProfile,
): Promise<void> {
  const done = await desktop.completePurge(profile).catch((error: unknown) => ({
    ok: false as const,
    error: { code: 'ipc', message: (error as Error).message },
  }))
  if (!done.ok) console.warn(`Purge non confirmée au processus principal : ${done.error.message}`)
}

/**
 * The desktop app's way to open the engine (renderer/src/engine/queries.ts `setOpenEngine`):
 * once the stored snapshot is open, and before its status enables any search, a purge main
 * still has pending is done — this copy narrowed, then main told. Done once per page load;
 * a failure fails the status (no search over data the profile may not see) and is retried at
 * the next status read.
 */
export function openWithPendingPurge(
  desktop: Pick<DesktopApi, 'getSettings' | 'completePurge'>,
  narrow: (profile: AccessProfile) => Promise<unknown> = purgeActiveSnapshot,
): (open: () => Promise<EngineStatus>) => Promise<EngineStatus> {
  let settled: Promise<boolean> | undefined
  const settle = async (): Promise<boolean> => {
    let pending: AccessProfile | undefined
    try {
      pending = (await desktop.getSettings()).pendingPurge
    } catch (error) {
      // Main could not say: its marker stays, and the next start tries again.
      console.warn('Purge en attente non vérifiée', error)
      return false
    }
    if (pending === undefined) return false
    try {
      await narrow(pending)
    } catch (error) {
      throw new Error(
        `${(error as Error).message} La recherche reste suspendue tant que ces données ` +
          'restent sur cet ordinateur : redémarrez l’application pour réessayer.',
        { cause: error },
      )
    }
    await confirmPurged(desktop, pending)
    return true
  }
  return async (open) => {
    const opened = await open()
    settled ??= settle().catch((error: unknown) => {
      settled = undefined
      throw error
    })
    // After a purge the engine reopens on the narrowed snapshot (`engine:open` is idempotent).
    return (await settled) ? open() : opened
  }
}
