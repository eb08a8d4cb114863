import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

describe('npm run sandbox (main.ts)', () => {
  it('prints exactly one "listening on" line on stdout once it serves, and stops on SIGTERM', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'ror-sandbox-main-'))
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'tools/ror-sandbox/main.ts',
        '--port',
        '0',
        '--scale',
        '20',
        '--seed',
        '3',
        '--cache-dir',
        cacheDir,
      ],
      { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString()
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!)
      })
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)))
    })
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/)
    const origin = line.slice('listening on '.length)
    const metadata = await fetch(`${origin}/fhir/metadata`)
    expect(metadata.status).toBe(200)
    expect(stderr).toContain('HealthcareService')
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
    expect(stdout).toBe(`${line}\n`)
    rmSync(cacheDir, { recursive: true, force: true })
  })
})
