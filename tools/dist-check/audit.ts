/**
 * What a packaged app may contain, as pure checks over the asar listing, the packaged
 * package.json and the Electron fuse wire. Used by tools/dist-check.ts.
 */

/** Files the app cannot start without. */
export const REQUIRED_ENTRIES = [
  '/package.json',
  '/out/main/index.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
] as const

/**
 * Refuses anything outside package.json and out/, plus things that must never ship even
 * inside out/: dependencies, source maps, TypeScript sources, tests, environment files.
 */
export function auditAsarEntries(entries: readonly string[]): string[] {
  const problems: string[] = []
  const present = new Set(entries)
  for (const required of REQUIRED_ENTRIES) {
    if (!present.has(required)) problems.push(`manquant : ${required}`)
  }
  for (const entry of entries) {
    const reason = forbiddenReason(entry)
    if (reason) problems.push(`interdit (${reason}) : ${entry}`)
  }
  return problems
}

function forbiddenReason(entry: string): string | null {
  if (entry !== '/package.json' && entry !== '/out' && !entry.startsWith('/out/')) {
    return 'hors de out/ et package.json'
  }
  const segments = entry.split('/')
  if (segments.includes('node_modules')) return 'dépendance node_modules'
  if (entry.endsWith('.map')) return 'source map'
  if (/\.(ts|tsx|mts|cts)$/.test(entry)) return 'source TypeScript'
  if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(entry) || segments.includes('tests')) return 'test'
  if (segments.some((segment) => segment.startsWith('.env'))) return "fichier d'environnement"
  return null
}

/** Checks the package.json electron-builder wrote into the asar. */
export function auditPackagedManifest(manifest: unknown): string[] {
  const problems: string[] = []
  const pkg = (manifest ?? {}) as Record<string, unknown>
  if (pkg.main !== 'out/main/index.js') {
    problems.push(
      `package.json "main" vaut ${JSON.stringify(pkg.main)} au lieu de "out/main/index.js"`,
    )
  }
  if (pkg.type !== 'module') problems.push('package.json "type" doit rester "module" (main en ESM)')
  const dependencies = Object.keys((pkg.dependencies ?? {}) as object)
  if (dependencies.length > 0) {
    problems.push(`dépendances d'exécution embarquées : ${dependencies.join(', ')}`)
  }
  return problems
}

/**
 * Fuse states the security policy requires (electron-builder.yml `electronFuses`), by fuse
 * index of @electron/fuses `FuseV1Options`: '0' disabled, '1' enabled.
 */
export const REQUIRED_FUSES: ReadonlyArray<{ index: number; name: string; state: '0' | '1' }> = [
  { index: 0, name: 'RunAsNode', state: '0' },
  { index: 1, name: 'EnableCookieEncryption', state: '1' },
  { index: 2, name: 'EnableNodeOptionsEnvironmentVariable', state: '0' },
  { index: 3, name: 'EnableNodeCliInspectArguments', state: '0' },
  { index: 5, name: 'OnlyLoadAppFromAsar', state: '1' },
  { index: 7, name: 'GrantFileProtocolExtraPrivileges', state: '0' },
]

/** `wire` maps fuse index → state byte, as `getCurrentFuseWire` returns it. */
export function auditFuses(wire: Readonly<Partial<Record<number, number>>>): string[] {
  return REQUIRED_FUSES.flatMap(({ index, name, state }) => {
    const actual = wire[index]
    const actualText = actual === undefined ? 'absent' : String.fromCharCode(actual)
    return actualText === state ? [] : [`fusible ${name} : ${actualText} au lieu de ${state}`]
  })
}

/** Counts files (not directories) by their first two path segments, for the summary. */
export function summariseEntries(entries: readonly string[]): Map<string, number> {
  const files = entries.filter((entry) => !entries.some((other) => other.startsWith(`${entry}/`)))
  const counts = new Map<string, number>()
  for (const file of files) {
    const group = file.split('/').slice(0, 3).join('/')
    counts.set(group, (counts.get(group) ?? 0) + 1)
  }
  return counts
}
