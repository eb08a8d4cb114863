/**
 * The record of a profile change whose purge is not finished on both sides (issue 5:
 * « changing to a lower access profile purges what the new profile may not see »). Main
 * purges its snapshot file itself (main/snapshot-file.ts, again at every start); the
 * renderer's IndexedDB copy is narrowed by the renderer (`engine:narrow`). A crash between the
 * two left that copy above the profile with nothing to say so; this marker says so. It is
 * written before the new settings, read at start-up by the renderer (through `settings:get`),
 * and cleared by `settings:completePurge` once main's file is purged too.
 * Kept as `purge-pending.json` in the user-data folder. No `electron` import.
 */
import { readFile, rm } from 'node:fs/promises'
import { z } from 'zod'
import { settingsSchema } from '../core/ipc/contract'
import type { AccessProfile } from '../core/snapshot/records'
import { writeFileAtomically } from './settings-store'

const fileSchema = z.object({ version: z.literal(1), profile: settingsSchema.shape.accessProfile })

export interface PendingPurgeStore {
  /**
   * The profile the renderer's copy must be narrowed to, null when nothing is pending, or
   * `unreadable` for a damaged marker (then the saved settings' profile is the target).
   */
  read(): Promise<AccessProfile | 'unreadable' | null>
  write(profile: AccessProfile): Promise<void>
  clear(): Promise<void>
}

export class PurgeMarker implements PendingPurgeStore {
  constructor(private readonly filePath: string) {}

  async read(): Promise<AccessProfile | 'unreadable' | null> {
    let raw: string
    try {
      raw = await readFile(this.filePath, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null
      // It exists but cannot be read (rights): a purge was under way all the same.
      console.warn(`${this.filePath} illisible`, error)
      return 'unreadable'
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(raw))
      if (parsed.success) return parsed.data.profile
    } catch {
      // Not JSON: same as a wrong shape, below.
    }
    // A damaged marker still says a purge was under way; the caller narrows to the saved
    // profile, which removes only what the user may not see any more.
    console.warn(`${this.filePath} illisible : purge vers le profil enregistré`)
    return 'unreadable'
  }

  async write(profile: AccessProfile): Promise<void> {
    await writeFileAtomically(this.filePath, `${JSON.stringify({ version: 1, profile })}\n`)
  }

  async clear(): Promise<void> {
    await rm(this.filePath, { force: true })
  }
}
