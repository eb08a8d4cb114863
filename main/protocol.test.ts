import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentTypeFor, createAppRequestHandler, resolveAppPath } from './protocol'

describe('resolveAppPath (POSIX)', () => {
  const root = '/opt/ror/out/renderer'
  const inside: [string, string, string][] = [
    ['root', 'app://ror-hors-ligne/', 'index.html'],
    ['origin without slash', 'app://ror-hors-ligne', 'index.html'],
    ['entry page', 'app://ror-hors-ligne/index.html', 'index.html'],
    ['nested asset', 'app://ror-hors-ligne/assets/index-abc.js', 'assets/index-abc.js'],
    ['query and hash ignored', 'app://ror-hors-ligne/index.html?x=../../etc#/..', 'index.html'],
    ['encoded space', 'app://ror-hors-ligne/a%20b.json', 'a b.json'],
    ['double slash stays inside', 'app://ror-hors-ligne//etc/passwd', 'etc/passwd'],
    [
      'dot segments normalised by the URL parser',
      'app://ror-hors-ligne/a/../../../etc/passwd',
      'etc/passwd',
    ],
    [
      '%2e%2e normalised by the URL parser',
      'app://ror-hors-ligne/%2e%2e/%2E%2E/etc/passwd',
      'etc/passwd',
    ],
    ['double-encoded dots are a literal name', 'app://ror-hors-ligne/%252e%252e/x', '%2e%2e/x'],
  ]
  it.each(inside)('%s: %s', (_label, url, relative) => {
    expect(resolveAppPath(root, url, path.posix)).toBe(path.posix.join(root, relative))
  })

  const refused: [string, string][] = [
    ['encoded slash after ..', 'app://ror-hors-ligne/..%2f..%2fetc%2fpasswd'],
    ['encoded slash after %2e%2e', 'app://ror-hors-ligne/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['encoded dot segment alone', 'app://ror-hors-ligne/assets/%2e%2e%2f'],
    ['backslashes', 'app://ror-hors-ligne/..\\..\\etc\\passwd'],
    ['encoded backslashes', 'app://ror-hors-ligne/..%5c..%5cetc%5cpasswd'],
    ['NUL byte', 'app://ror-hors-ligne/index.html%00.png'],
    ['control character', 'app://ror-hors-ligne/a%0ab'],
    ['drive letter', 'app://ror-hors-ligne/C:/Windows/win.ini'],
    ['malformed percent-encoding', 'app://ror-hors-ligne/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['credentials', 'app://user@ror-hors-ligne/index.html'],
    ['file URL', 'file:///etc/passwd'],
    ['absolute path, not a URL', '/etc/passwd'],
    ['https URL', 'https://ror-hors-ligne/index.html'],
  ]
  it.each(refused)('refuses %s: %s', (_label, url) => {
    expect(resolveAppPath(root, url, path.posix)).toBeNull()
  })
})

describe('resolveAppPath (Windows rules)', () => {
  const root = 'C:\\Program Files\\ROR hors ligne\\resources\\app.asar\\out\\renderer'
  it('joins segments with backslashes inside the root', () => {
    expect(resolveAppPath(root, 'app://ror-hors-ligne/assets/a.js', path.win32)).toBe(
      `${root}\\assets\\a.js`,
    )
  })
  const refused: [string, string][] = [
    ['drive-relative path', 'app://ror-hors-ligne/C:windows/win.ini'],
    ['UNC-looking path', 'app://ror-hors-ligne/%5c%5cserver%5cshare'],
    ['alternate data stream', 'app://ror-hors-ligne/index.html:stream'],
    ['backslash climb', 'app://ror-hors-ligne/..%5c..%5c..%5cwin.ini'],
  ]
  it.each(refused)('refuses %s', (_label, url) => {
    expect(resolveAppPath(root, url, path.win32)).toBeNull()
  })
})

describe('createAppRequestHandler', () => {
  let root = ''
  let outside = ''
  const csp = "default-src 'self'"

  beforeAll(async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'ror-protocol-'))
    root = path.join(base, 'renderer')
    outside = path.join(base, 'secret.txt')
    await mkdir(path.join(root, 'assets'), { recursive: true })
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>ROR hors ligne</title>')
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)')
    await writeFile(outside, 'ne doit jamais sortir')
  })
  afterAll(async () => {
    await rm(path.dirname(root), { recursive: true, force: true })
  })

  const get = (url: string, method = 'GET') =>
    createAppRequestHandler({ root, csp })(new Request(url, { method }))

  it('serves the entry page with the CSP and a content type', async () => {
    const response = await get('app://ror-hors-ligne/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(csp)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('ROR hors ligne')
  })

  it('serves assets as JavaScript', async () => {
    const response = await get('app://ror-hors-ligne/assets/app.js?v=2')
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await response.text()).toBe('console.log(1)')
  })

  it('answers HEAD without a body', async () => {
    const response = await get('app://ror-hors-ligne/index.html', 'HEAD')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe('44')
    expect(await response.text()).toBe('')
  })

  it('never serves the file next to the root', async () => {
    for (const url of [
      'app://ror-hors-ligne/..%2fsecret.txt',
      'app://ror-hors-ligne/%2e%2e%2fsecret.txt',
      'app://ror-hors-ligne/../secret.txt',
    ]) {
      const response = await get(url)
      expect(response.status).toBe(404)
      expect(await response.text()).not.toContain('jamais')
    }
  })

  it('answers 404 for missing files and directories, 405 for writes', async () => {
    expect((await get('app://ror-hors-ligne/missing.js')).status).toBe(404)
    expect((await get('app://ror-hors-ligne/assets')).status).toBe(404)
    expect((await get('app://ror-hors-ligne/index.html', 'POST')).status).toBe(405)
  })
})

describe('contentTypeFor', () => {
  it('maps known extensions case-insensitively and falls back to bytes', () => {
    expect(contentTypeFor('/a/B.CSS')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('/a/map.geojson')).toBe('application/geo+json; charset=utf-8')
    expect(contentTypeFor('/a/data.bin')).toBe('application/octet-stream')
    expect(contentTypeFor('/a/noext')).toBe('application/octet-stream')
  })
})
