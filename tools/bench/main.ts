/**
 * Benchmarks: `npm run bench -- <name> [options]`. Each benchmark is a module of this folder
 * exporting `run(args)`; to add one (e.g. `sync`), add a line to BENCHMARKS — nothing else.
 */

export {}

interface Benchmark {
  summary: string
  load: () => Promise<{ run(args: readonly string[]): Promise<number> }>
}

const BENCHMARKS: Readonly<Record<string, Benchmark>> = {
  'search-browser': {
    summary:
      'the app in headless Chromium: IndexedDB store, cold start, queries, map redraw, memory',
    load: () => import('./search-browser'),
  },
  search: {
    summary: 'search engine vs SQLite vs full scan on a national-scale snapshot (issue 6)',
    load: () => import('./search'),
  },
  sync: {
    summary: 'snapshot sync against the local ROR sandbox (issue 5)',
    load: () => import('./sync'),
  },
  'sync-browser': {
    summary: 'the browser-mode app syncing from the local sandbox: full + delta, memory, IndexedDB',
    load: () => import('./sync-browser'),
  },
}

function usage(): string {
  const names = Object.entries(BENCHMARKS).map(([n, b]) => `  ${n.padEnd(8)} ${b.summary}`)
  return ['Usage: npm run bench -- <benchmark> [options]', '', 'Benchmarks:', ...names].join('\n')
}

const [name, ...args] = process.argv.slice(2)
const bench = name === undefined ? undefined : BENCHMARKS[name]
if (!bench) {
  process.stderr.write(
    `${name === undefined ? '' : `Unknown benchmark "${name}".\n\n`}${usage()}\n`,
  )
  process.exitCode = 2
} else {
  process.exitCode = await (await bench.load()).run(args)
}
