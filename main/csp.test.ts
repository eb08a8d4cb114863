import { describe, expect, it } from 'vitest'
import { UnsafeCspError, buildContentSecurityPolicy } from './csp'

/** Parses a header value back into directive → sources, as a browser would split it. */
function parsePolicy(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name, sources)
  }
  return directives
}

describe('buildContentSecurityPolicy', () => {
  const policy = parsePolicy(buildContentSecurityPolicy())

  it('limits everything to the app origin by default', () => {
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('connect-src')).toEqual(["'self'"])
  })

  it('allows data: and blob: images and blob: workers only', () => {
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:'])
  })

  it('closes plugins, frames, base and form targets', () => {
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(policy.get(name)).toEqual(["'none'"])
    }
  })

  it('never allows eval or inline script', () => {
    const header = buildContentSecurityPolicy()
    expect(header).not.toContain('unsafe-eval')
    expect(header).not.toContain('unsafe-inline')
  })

  it('adds extra sources without duplicates', () => {
    const extended = parsePolicy(
      buildContentSecurityPolicy({ 'connect-src': ["'self'", 'http://127.0.0.1:8090'] }),
    )
    expect(extended.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:8090'])
    expect(extended.get('script-src')).toEqual(["'self'"])
  })

  const unsafe: [string, Record<string, string[]>][] = [
    ['unsafe-eval', { 'script-src': ["'unsafe-eval'"] }],
    ['inline script', { 'script-src': ["'unsafe-inline'"] }],
    ['inline through default-src', { 'default-src': ["'unsafe-inline'"] }],
    ['wildcard', { 'connect-src': ['*'] }],
    ['any https origin', { 'img-src': ['https:'] }],
    ['header injection with ;', { 'connect-src': ["'self'; script-src *"] }],
    ['a space inside one source', { 'connect-src': ["'self' *"] }],
    ['an invalid directive name', { 'script-src; x': ["'self'"] }],
  ]
  it.each(unsafe)('refuses %s', (_label, extra) => {
    expect(() => buildContentSecurityPolicy(extra)).toThrow(UnsafeCspError)
  })

  it('accepts inline styles only when asked, never inline script', () => {
    const header = buildContentSecurityPolicy({ 'style-src': ["'unsafe-inline'"] })
    expect(parsePolicy(header).get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
  })
})
