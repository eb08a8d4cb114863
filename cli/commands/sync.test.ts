/**
 * The `sync` command as a cron job runs it: a real child process against the local sandbox
 * over HTTP, killed with SIGKILL in the middle of a full sync and run again: it resumes from
 * the staged export files and ends with the records of an uninterrupted sync.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSync } from '../../core/sync/engine'
import { MemorySnapshotStore } from '../../core/sync/memory-store'
import { REPO_ROOT } from '../../tests/support/run-cli'
import { loadCommuneCentroids } from '../lib/communes'
import { acquireSyncLock } from '../lib/sync-lock'
import {
  diffRecords,
  recordsOf,
  sandboxSync,
  startTestSandbox,
} from '../../tests/support/sync-harness'
import type { Sandbox } from '../../tools/ror-sandbox/server'

let sandbox: Sandbox
let dir: string

beforeAll(async () => {
  sandbox = await startTestSandbox({ exportFileSize: 30 })
  dir = mkdtempSync(join(tmpdir(), 'ror-sync-cli-'))
})
afterAll(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * Starts `cli sync` as `npm run cli` does (cli/run.mjs: the bundled CLI and its bundled sync
 * worker); `until` may kill it (it gets the child and resolves when done).
 */
function cliSync(args: string[], until?: (kill: () => void) => Promise<void>): Promise<Run> {
  const child = spawn(process.execPath, ['cli/run.mjs', 'sync', ...args], {
    cwd: REPO_ROOT,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<Run>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  )
  void until?.(() => child.kill('SIGKILL'))
  return exited
}

function serverArgs(out: string, secret = 'sandbox'): string[] {
  return [
    '--server', sandbox.fhirBase,
    '--token-url', sandbox.tokenUrl,
    '--client-id', 'profil-0',
    '--client-secret', secret,
    '--profile', '0',
    '--out', out,
  ] // prettier-ignore
}

async function waitFor(test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 25))
  }
}

const stagedUnits = (out: string): number => {
  const units = join(`${out}.sync`, 'units')
  return existsSync(units) ? readdirSync(units).filter((n) => n.endsWith('.json')).length : 0
}

describe('cli sync', () => {
  it('survives SIGKILL in the middle of a full sync and resumes to the same result', async () => {
    const out = join(dir, 'killed.snap')
    // Slow downloads, so the kill lands between export files.
    sandbox.setFaults({ latencyMs: 150, pathPrefix: '/fhir/$export-output' })
    const killed = await cliSync(serverArgs(out), async (kill) => {
      await waitFor(() => stagedUnits(out) >= 3, 30_000)
      kill()
    })
    sandbox.setFaults({})
    expect(killed.signal).toBe('SIGKILL')
    expect(existsSync(out)).toBe(false) // nothing half-written
    expect(existsSync(join(`${out}.sync`, 'checkpoint.json'))).toBe(true)

    const resumed = await cliSync(serverArgs(out))
    expect(resumed.code, resumed.stderr).toBe(0)
    const summary = JSON.parse(resumed.stdout) as Record<string, unknown>
    expect(summary).toMatchObject({ ok: true, mode: 'full', fullReason: 'no-snapshot' })
    expect(summary.resumedUnits as number).toBeGreaterThanOrEqual(3)
    expect(resumed.stderr).toMatch(/full sync \(resumed\)/)
    // The bundled worker threads did the mapping (no fallback to the main thread).
    expect(resumed.stderr).not.toMatch(/sync workers disabled/)
    expect(existsSync(`${out}.sync`)).toBe(false) // state cleared once applied

    // The CLI places offers without coordinates at their commune's centroid: so does this run.
    const { centroid } = await loadCommuneCentroids()
    const straight = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 0, straight, centroid ? { communeCentroid: centroid } : {}))
    expect(diffRecords(recordsOf(readFileSync(out)), recordsOf(straight.bytes))).toEqual({
      onlyInA: [],
      onlyInB: [],
      different: [],
    })
  })

  it('exits 3 with a clear message on a wrong secret, leaving the file untouched', async () => {
    const out = join(dir, 'kept.snap')
    const first = await cliSync(serverArgs(out))
    expect(first.code, first.stderr).toBe(0)
    const before = readFileSync(out)
    const run = await cliSync(serverArgs(out, 'wrong'))
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/error: Identifiants refusés .*invalid_client/)
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { code: 'auth-failed' },
      previousSnapshotKept: true,
    })
    expect(readFileSync(out).equals(before)).toBe(true)
  })

  it('exits 6 while another sync holds the file, then runs once it is free', async () => {
    const out = join(dir, 'locked.snap')
    const first = await cliSync(serverArgs(out))
    expect(first.code, first.stderr).toBe(0)
    const before = readFileSync(out)
    // This test process plays the sync already running.
    const release = await acquireSyncLock(out)
    const run = await cliSync(serverArgs(out))
    expect(run.code).toBe(6)
    expect(run.stderr).toMatch(
      new RegExp(
        `error: another sync is already updating this snapshot \\(process ${process.pid} `,
      ),
    )
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { code: 'locked' },
      previousSnapshotKept: true,
    })
    expect(readFileSync(out).equals(before)).toBe(true)
    expect(run.stderr).not.toMatch(/Préparation/) // stopped before the sync started
    await release()
    const again = await cliSync(serverArgs(out))
    expect(again.code, again.stderr).toBe(0)
    expect(existsSync(`${out}.lock`)).toBe(false)
  })
})
