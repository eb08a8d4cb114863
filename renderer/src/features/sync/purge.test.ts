/**
 * Desktop start-up after a crash in the middle of a profile purge: the engine's status (which
 * enables searches) is given only once this computer's copy is narrowed and main is told.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  DEFAULT_SETTINGS,
  type IpcResultUnion,
  type StoredSettings,
} from '../../../../core/ipc/contract'
import type { AccessProfile } from '../../../../core/snapshot/records'
import type { EngineStatus } from '../../engine/protocol'
import { openWithPendingPurge } from './purge'

function statusOf(profile: AccessProfile): EngineStatus {
  return {
    manifest: { accessProfile: profile } as EngineStatus['manifest'],
    activatedAt: null,
    isDemo: false,
    offerCount: 1,
    loadMs: 0,
  }
}

/** An engine holding a profile-`profile` copy, and main with `pending` recorded. */
function setup(options: { profile: AccessProfile; pending?: AccessProfile; narrowFails?: number }) {
  const log: string[] = []
  let profile = options.profile
  let pending = options.pending
  let failures = options.narrowFails ?? 0
  const desktop = {
    getSettings: (): Promise<StoredSettings> => {
      log.push('getSettings')
      return Promise.resolve({
        settings: DEFAULT_SETTINGS,
        notice: null,
        ...(pending === undefined ? {} : { pendingPurge: pending }),
      })
    },
    completePurge: (p: AccessProfile): Promise<IpcResultUnion<{ cleared: boolean }>> => {
      log.push(`completePurge ${p}`)
      if (pending === p) pending = undefined
      return Promise.resolve({ ok: true, value: { cleared: true } })
    },
  }
  const narrow = (p: AccessProfile) => {
    log.push(`narrow ${p}`)
    if (failures > 0) {
      failures -= 1
      return Promise.reject(new Error('Les données n’ont pas pu être réduites au profil 0.'))
    }
    profile = p
    return Promise.resolve()
  }
  const open = () => {
    log.push('open')
    return Promise.resolve(statusOf(profile))
  }
  return { open: openWithPendingPurge(desktop, narrow), engineOpen: open, log }
}

afterEach(() => vi.restoreAllMocks())

describe('openWithPendingPurge', () => {
  it('opens as usual when nothing is pending', async () => {
    const { open, engineOpen, log } = setup({ profile: 2 })
    expect((await open(engineOpen)).manifest?.accessProfile).toBe(2)
    expect(log).toEqual(['open', 'getSettings'])
  })

  it('narrows the copy and tells main before giving the status, then reopens on it', async () => {
    const { open, engineOpen, log } = setup({ profile: 2, pending: 0 })
    expect((await open(engineOpen)).manifest?.accessProfile).toBe(0)
    expect(log).toEqual(['open', 'getSettings', 'narrow 0', 'completePurge 0', 'open'])
    // Later status reads (after each snapshot change) do not purge again.
    await open(engineOpen)
    expect(log.filter((l) => l.startsWith('narrow'))).toHaveLength(1)
  })

  it('fails the status while the purge fails, and tries again at the next read', async () => {
    const { open, engineOpen, log } = setup({ profile: 2, pending: 0, narrowFails: 1 })
    await expect(open(engineOpen)).rejects.toThrow(
      /^Les données n’ont pas pu être réduites au profil 0\. La recherche reste suspendue/,
    )
    expect(log).not.toContain('completePurge 0')
    expect((await open(engineOpen)).manifest?.accessProfile).toBe(0)
    expect(log.slice(-2)).toEqual(['completePurge 0', 'open'])
  })

  it('still opens when main cannot be asked', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const open = openWithPendingPurge(
      {
        getSettings: () => Promise.reject(new Error('IPC fermé')),
        completePurge: () => Promise.reject(new Error('IPC fermé')),
      },
      () => Promise.reject(new Error('not called')),
    )
    expect((await open(() => Promise.resolve(statusOf(1)))).manifest?.accessProfile).toBe(1)
  })
})
