import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from './server'

describe('CORS for the browser-mode app', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, scale: { eg: 20 }, seed: 3 })
  })

  afterAll(() => sandbox.close())

  it('answers the preflight of a loopback origin', async () => {
    const res = await fetch(`${sandbox.fhirBase}/HealthcareService`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization,ror-role-metier-code',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'authorization,ror-role-metier-code',
    )
  })

  it('exposes Content-Location to a loopback page, and nothing to other origins', async () => {
    const local = await fetch(`${sandbox.fhirBase}/metadata`, {
      headers: { Origin: 'http://localhost:4173' },
    })
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:4173')
    expect(local.headers.get('access-control-expose-headers')).toContain('Content-Location')
    const remote = await fetch(`${sandbox.fhirBase}/metadata`, {
      headers: { Origin: 'https://evil.example' },
    })
    expect(remote.headers.get('access-control-allow-origin')).toBeNull()
  })
})
