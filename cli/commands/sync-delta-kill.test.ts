/**
 * `sync` killed with SIGKILL in the middle of a delta: the snapshot file is untouched, and the
 * next run resumes from the staged pages to the records of an uninterrupted delta.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runSync } from '../../core/sync/engine'
import { FileSnapshotStore } from '../../main/sync-files'
import { REPO_ROOT } from '../../tests/support/run-cli'
import {
  diffRecords,
  mutate,
  recordsOf,
  sandboxSync,
  startTestSandbox,
} from '../../tests/support/sync-harness'
import type { Sandbox } from '../../tools/ror-sandbox/server'
import { loadCommuneCentroids } from '../lib/communes'

let sandbox: Sandbox
let dir: string

beforeAll(async () => {
  sandbox = await startTestSandbox()
  dir = mkdtempSync(join(tmpdir(), 'ror-sync-delta-'))
})
afterAll(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

function cliSync(args: string[], onStart?: (kill: () => void) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', 'sync', ...args], {
    cwd: REPO_ROOT,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  onStart?.(() => child.kill('SIGKILL'))
  return new Promise<{
    code: number | null
    signal: string | null
    stdout: string
    stderr: string
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })))
}

const stagedDeltaPages = (out: string): number => {
  const units = join(`${out}.sync`, 'units')
  if (!existsSync(units)) return 0
  return readdirSync(units).filter((n) => n.startsWith('delta-') && n.endsWith('.json')).length
}

it('survives SIGKILL in the middle of a delta and resumes to the same result', async () => {
  const out = join(dir, 'delta.snap')
  const { centroid } = await loadCommuneCentroids()
  const withCommunes = centroid ? { communeCentroid: centroid } : {}
  await runSync(sandboxSync(sandbox, 0, new FileSnapshotStore(out), withCommunes))
  const base = readFileSync(out)
  await mutate(sandbox, 150)
  const args = [
    '--server', sandbox.fhirBase,
    '--token-url', sandbox.tokenUrl,
    '--client-id', 'profil-0',
    '--client-secret', 'sandbox',
    '--profile', '0',
    '--page-size', '10',
    '--out', out,
  ] // prettier-ignore

  sandbox.setFaults({ latencyMs: 120 })
  const killed = await cliSync(args, (kill) => {
    const timer = setInterval(() => {
      if (stagedDeltaPages(out) >= 3) {
        clearInterval(timer)
        kill()
      }
    }, 20)
  })
  sandbox.setFaults({})
  expect(killed.signal).toBe('SIGKILL')
  expect(readFileSync(out).equals(base)).toBe(true) // the previous snapshot is untouched

  const resumed = await cliSync(args)
  expect(resumed.code, resumed.stderr).toBe(0)
  const summary = JSON.parse(resumed.stdout) as { mode: string; resumedUnits: number }
  expect(summary.mode).toBe('delta')
  expect(summary.resumedUnits).toBeGreaterThanOrEqual(3)

  const straightPath = join(dir, 'straight.snap')
  writeFileSync(straightPath, base)
  await runSync(
    sandboxSync(sandbox, 0, new FileSnapshotStore(straightPath), {
      ...withCommunes,
      pageSize: 10,
    }),
  )
  expect(diffRecords(recordsOf(readFileSync(out)), recordsOf(readFileSync(straightPath)))).toEqual({
    onlyInA: [],
    onlyInB: [],
    different: [],
  })
})
