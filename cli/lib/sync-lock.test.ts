import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireSyncLock, SyncLockedError } from './sync-lock'

let dir: string
let out: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ror-lock-'))
  out = join(dir, 'national.snap')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

describe('sync lock', () => {
  it('is held by one sync at a time, and free again once released', async () => {
    const release = await acquireSyncLock(out)
    const holder = JSON.parse(readFileSync(`${out}.lock`, 'utf8')) as { pid: number }
    expect(holder.pid).toBe(process.pid)

    const second = acquireSyncLock(out)
    await expect(second).rejects.toBeInstanceOf(SyncLockedError)
    await expect(second).rejects.toThrow(
      new RegExp(`process ${process.pid} on .*delete .*national\\.snap\\.lock`),
    )

    await release()
    expect(existsSync(`${out}.lock`)).toBe(false)
    await (
      await acquireSyncLock(out)
    )()
  })

  it('takes over the lock of a process that is gone (a killed sync)', async () => {
    const pid = deadPid()
    writeFileSync(`${out}.lock`, JSON.stringify({ pid, host: 'here', since: 'earlier' }))
    const release = await acquireSyncLock(out, { host: 'here' })
    expect(JSON.parse(readFileSync(`${out}.lock`, 'utf8'))).toMatchObject({
      pid: process.pid,
      host: 'here',
    })
    await release()
  })

  it('respects a lock from another host, which it cannot check', async () => {
    const pid = deadPid()
    writeFileSync(`${out}.lock`, JSON.stringify({ pid, host: 'elsewhere', since: 'earlier' }))
    await expect(acquireSyncLock(out, { host: 'here' })).rejects.toThrow(/on elsewhere/)
  })

  it('respects an unreadable lock while it may be being written, then takes it over', async () => {
    writeFileSync(`${out}.lock`, '{"pid":')
    await expect(acquireSyncLock(out)).rejects.toThrow(/lock file being written/)
    const old = (Date.now() - 60_000) / 1000
    utimesSync(`${out}.lock`, old, old)
    await (
      await acquireSyncLock(out)
    )()
  })

  it('does not remove a lock another process took over', async () => {
    const release = await acquireSyncLock(out, { host: 'here' })
    writeFileSync(`${out}.lock`, JSON.stringify({ pid: 1, host: 'other', since: 'now' }))
    await release()
    expect(existsSync(`${out}.lock`)).toBe(true)
  })
})
