/**
 * One `sync` at a time per snapshot file. A nightly cron can start a run while the previous one
 * is still going (a slow full sync, a manual run): two processes would then share the resume
 * state in `<snapshot>.sync/` (one clearing what the other stages) and race to replace the
 * file. The second run stops at once with a clear message instead.
 *
 * The lock is `<snapshot>.lock`, created exclusively, holding the owner's pid, host and start
 * time. A lock whose process is gone (killed, power cut) is taken over, so a killed sync still
 * resumes on the next run; a lock from another host (a shared folder) cannot be checked and is
 * respected.
 */
import { open, readFile, stat, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'

/** Who holds a lock. */
export interface LockHolder {
  pid: number
  host: string
  /** ISO time the holder took the lock. */
  since: string
}

/** Another live sync holds the snapshot's lock. */
export class SyncLockedError extends Error {
  override name = 'SyncLockedError'

  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder
      ? `process ${holder.pid} on ${holder.host}, since ${holder.since}`
      : 'lock file being written'
    super(
      `another sync is already updating this snapshot (${who}). Wait for it to end; if no such ` +
        `process runs any more, delete ${lockPath} and run again.`,
    )
  }
}

/** A lock file younger than this that cannot be read is being written: it is respected. */
const UNREADABLE_GRACE_MS = 10_000

export interface LockOptions {
  /** Tests: whether a process of this host is alive. */
  isAlive?: (pid: number) => boolean
  /** Tests: this host's name. */
  host?: string
  now?: () => number
}

/**
 * Takes the lock of the snapshot file `out`; resolves with its release. Throws
 * {@link SyncLockedError} when a live sync holds it.
 */
export async function acquireSyncLock(
  out: string,
  options: LockOptions = {},
): Promise<() => Promise<void>> {
  const path = `${out}.lock`
  const host = options.host ?? hostname()
  const now = options.now ?? Date.now
  const me: LockHolder = { pid: process.pid, host, since: new Date(now()).toISOString() }
  // Twice at most: once more after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx')
      try {
        await file.writeFile(`${JSON.stringify(me)}\n`)
      } finally {
        await file.close()
      }
      return () => release(path, me)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = await readHolder(path)
    if (!(await isStale(path, holder, host, options.isAlive ?? isAlive, now))) {
      throw new SyncLockedError(path, holder)
    }
    await unlink(path).catch(() => undefined)
  }
  throw new SyncLockedError(path, await readHolder(path))
}

async function readHolder(path: string): Promise<LockHolder | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>
    return typeof value.pid === 'number' &&
      typeof value.host === 'string' &&
      typeof value.since === 'string'
      ? { pid: value.pid, host: value.host, since: value.since }
      : null
  } catch {
    return null
  }
}

async function isStale(
  path: string,
  holder: LockHolder | null,
  host: string,
  alive: (pid: number) => boolean,
  now: () => number,
): Promise<boolean> {
  if (holder) return holder.host === host && !alive(holder.pid)
  try {
    return now() - (await stat(path)).mtimeMs > UNREADABLE_GRACE_MS
  } catch {
    return true // gone meanwhile
  }
}

/** Signal 0 tests for a process without touching it; EPERM: it exists (another user's). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes the lock if it is still this process's (not one that took over a stale lock). */
async function release(path: string, me: LockHolder): Promise<void> {
  const holder = await readHolder(path)
  if (holder?.pid === me.pid && holder.host === me.host && holder.since === me.since) {
    await unlink(path).catch(() => undefined)
  }
}
