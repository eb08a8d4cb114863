import { describe, expect, it } from 'vitest'
import { AuthenticationError, CertificateRefusedError } from './errors'
import { jwtExpiry, TokenProvider } from './token'
import type { HttpRequest, HttpResponse, HttpTransport } from './transport'

/** A token endpoint answering from a script; records the requests. */
function endpoint(answers: { status: number; body: unknown; headers?: Record<string, string> }[]) {
  const requests: HttpRequest[] = []
  const transport: HttpTransport = {
    async request(req) {
      requests.push(req)
      const a = answers[Math.min(requests.length - 1, answers.length - 1)]!
      const bytes = new TextEncoder().encode(JSON.stringify(a.body))
      const response: HttpResponse = {
        status: a.status,
        header: (n) => a.headers?.[n.toLowerCase()],
        body: (async function* () {
          yield bytes
        })(),
        discard: async () => undefined,
      }
      return response
    },
  }
  return { transport, requests }
}

const jwt = (exp: number) => `h.${btoa(JSON.stringify({ exp })).replace(/=+$/, '')}.s`
const FAST = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 100 }

describe('TokenProvider (OAuth2 client credentials)', () => {
  it('posts the client credentials and caches the token until shortly before expiry', async () => {
    let now = 1_000_000
    const { transport, requests } = endpoint([
      { status: 200, body: { access_token: 'a', expires_in: 300 } },
      { status: 200, body: { access_token: 'b', expires_in: 300 } },
    ])
    const tokens = new TokenProvider({
      tokenUrl: 'http://x/token',
      clientId: 'profil-0',
      clientSecret: 's',
      usesCertificate: false,
      transport,
      now: () => now,
    })
    expect(await tokens.get()).toBe('a')
    expect(new URLSearchParams(requests[0]!.body).toString()).toBe(
      'grant_type=client_credentials&client_id=profil-0&client_secret=s',
    )
    now += 200_000
    expect(await tokens.get()).toBe('a')
    now += 50_000 // within the last minute: renewed before it expires
    expect(await tokens.get()).toBe('b')
    expect(tokens.issued).toBe(2)
  })

  it('reads the JWT exp when expires_in is missing, and renews after a refusal', async () => {
    const now = 1_000_000_000
    const token = jwt(now / 1000 + 600)
    expect(jwtExpiry(token)).toBe(now / 1000 + 600)
    const { transport, requests } = endpoint([{ status: 200, body: { access_token: token } }])
    const tokens = new TokenProvider({
      tokenUrl: 'http://x/token',
      clientId: 'profil-1',
      usesCertificate: true,
      transport,
      now: () => now,
    })
    await Promise.all([tokens.get(), tokens.get()])
    expect(requests).toHaveLength(1) // one request for concurrent callers
    expect(requests[0]!.body).not.toContain('client_secret')
    tokens.invalidate(token)
    await tokens.get()
    expect(requests).toHaveLength(2)
  })

  it('retries the endpoint on 503, then succeeds', async () => {
    const { transport, requests } = endpoint([
      { status: 503, body: {} },
      { status: 200, body: { access_token: 'ok', expires_in: 60 } },
    ])
    const tokens = new TokenProvider({
      tokenUrl: 'http://x/token',
      clientId: 'c',
      clientSecret: 's',
      usesCertificate: false,
      transport,
      retry: FAST,
    })
    expect(await tokens.get()).toBe('ok')
    expect(requests).toHaveLength(2)
  })

  it.each([
    [false, AuthenticationError],
    [true, CertificateRefusedError],
  ] as const)('reports invalid_client (certificate: %s) clearly', async (usesCertificate, kind) => {
    const { transport } = endpoint([
      { status: 401, body: { error: 'invalid_client', error_description: 'wrong client_secret' } },
    ])
    const tokens = new TokenProvider({
      tokenUrl: 'http://x/token',
      clientId: 'c',
      usesCertificate,
      transport,
    })
    const error = await tokens.get().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(kind)
    expect((error as Error).message).toContain('invalid_client : wrong client_secret')
  })

  it('gets a token ahead of time, and hands over a refusal without asking again', async () => {
    const base = { tokenUrl: 'http://x/token', clientId: 'profil-0', usesCertificate: false }
    const ok = endpoint([{ status: 200, body: { access_token: 'a', expires_in: 300 } }])
    const tokens = new TokenProvider({ ...base, clientSecret: 's', transport: ok.transport })
    tokens.prefetch()
    expect(ok.requests).toHaveLength(1) // asked at once
    expect(await tokens.get()).toBe('a')
    expect(await tokens.get()).toBe('a')
    expect(ok.requests).toHaveLength(1)

    const refused = endpoint([{ status: 401, body: { error: 'invalid_client' } }])
    const wrong = new TokenProvider({ ...base, clientSecret: 'x', transport: refused.transport })
    wrong.prefetch()
    await new Promise((r) => setTimeout(r, 10)) // refused before anyone asks
    await expect(wrong.get()).rejects.toBeInstanceOf(AuthenticationError)
    expect(refused.requests).toHaveLength(1)
  })
})
