import { describe, expect, it } from 'vitest'
import { auditAsarEntries, auditFuses, auditPackagedManifest, summariseEntries } from './audit'

const GOOD = [
  '/out',
  '/out/main',
  '/out/main/index.js',
  '/out/preload',
  '/out/preload/index.cjs',
  '/out/renderer',
  '/out/renderer/assets',
  '/out/renderer/assets/index-abc.js',
  '/out/renderer/assets/index-abc.css',
  '/out/renderer/index.html',
  '/package.json',
]

describe('auditAsarEntries', () => {
  it('accepts package.json and the built out/ folder', () => {
    expect(auditAsarEntries(GOOD)).toEqual([])
  })

  const intruders: [string, string][] = [
    ['/node_modules/react/index.js', 'hors de out/'],
    ['/out/renderer/node_modules/x.js', 'node_modules'],
    ['/out/renderer/assets/index-abc.js.map', 'source map'],
    ['/out/main/index.ts', 'source TypeScript'],
    ['/src/main.tsx', 'hors de out/'],
    ['/out/main/ipc.test.js', 'test'],
    ['/out/tests/e2e/app.js', 'test'],
    ['/out/.env.local', "fichier d'environnement"],
    ['/README.md', 'hors de out/'],
  ]
  it.each(intruders)('refuses %s', (entry, reason) => {
    const problems = auditAsarEntries([...GOOD, entry])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(reason)
    expect(problems[0]).toContain(entry)
  })

  it('reports each missing required file', () => {
    const problems = auditAsarEntries(GOOD.filter((entry) => !entry.startsWith('/out/preload')))
    expect(problems).toEqual(['manquant : /out/preload/index.cjs'])
  })
})

describe('auditPackagedManifest', () => {
  it('accepts the ESM entry with no runtime dependencies', () => {
    expect(
      auditPackagedManifest({ main: 'out/main/index.js', type: 'module', dependencies: {} }),
    ).toEqual([])
  })

  it('reports a wrong entry, CommonJS and shipped dependencies', () => {
    const problems = auditPackagedManifest({ main: 'index.js', dependencies: { react: '19.3.1' } })
    expect(problems).toHaveLength(3)
    expect(problems[2]).toContain('react')
  })
})

describe('auditFuses', () => {
  const code = (state: string) => state.charCodeAt(0)
  const secure = {
    0: code('0'),
    1: code('1'),
    2: code('0'),
    3: code('0'),
    4: code('0'),
    5: code('1'),
    6: code('0'),
    7: code('0'),
  }

  it('accepts the required states', () => {
    expect(auditFuses(secure)).toEqual([])
  })

  it("reports Electron's defaults as not flipped", () => {
    const defaults = { ...secure, 0: code('1'), 2: code('1'), 3: code('1'), 7: code('1') }
    expect(auditFuses(defaults)).toEqual([
      'fusible RunAsNode : 1 au lieu de 0',
      'fusible EnableNodeOptionsEnvironmentVariable : 1 au lieu de 0',
      'fusible EnableNodeCliInspectArguments : 1 au lieu de 0',
      'fusible GrantFileProtocolExtraPrivileges : 1 au lieu de 0',
    ])
  })

  it('reports a fuse missing from a short wire', () => {
    expect(
      auditFuses({
        0: code('0'),
        1: code('1'),
        2: code('0'),
        3: code('0'),
        4: code('0'),
        5: code('1'),
      }),
    ).toEqual(['fusible GrantFileProtocolExtraPrivileges : absent au lieu de 0'])
  })
})

describe('summariseEntries', () => {
  it('counts files per top folder, ignoring directories', () => {
    expect(Object.fromEntries(summariseEntries(GOOD))).toEqual({
      '/out/main': 1,
      '/out/preload': 1,
      '/out/renderer': 3,
      '/package.json': 1,
    })
  })
})
