/**
 * `npm run bench -- search-browser [--scale national] [--seed 1] [--queries 200]`: the app itself
 * (browser-mode build) in headless Chromium, on a national-scale snapshot (issue 6):
 * - storing the snapshot in IndexedDB through the app's own import (records/s, packed chunks);
 * - cold start from the stored snapshot to the first result of a search in the URL;
 * - combined query (activity + age + 30 km) and autocomplete latency, timed round trip
 *   UI thread → engine worker → UI thread through the `#bench` hook;
 * - map redraw after a pan (the results layer times itself);
 * - memory of the renderer process (main thread + engine worker).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { build, preview } from 'vite'
import { parse } from '../../cli/lib/args'
import { loadSearchIndex } from '../../cli/lib/search-index'
import { RENDERER_JS_FLAGS } from '../../main/renderer-memory'
import { CHROMIUM_ARGS, findChromium } from '../../tests/e2e/support/chromium'
import { ensureSnapshot } from './search-dataset'
import { combinedQueries, keystrokes, typingSessions } from './search-queries'
import { percentile, table } from './stats'

const root = resolve(import.meta.dirname, '../..')
const USAGE =
  'Usage: npm run bench -- search-browser [--scale national] [--seed 1] [--queries 200] [--app-flags]'

interface BenchWindow {
  __rorBench: { send(type: string, args: unknown): Promise<unknown> }
}

/**
 * VmRSS of the biggest `--type=renderer` process (one page here: the app's renderer), or its
 * VmHWM: the peak since it started (each step below that reads it starts a new browser).
 */
function rendererProcessesRssMb(field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  let biggest = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      if (!cmdline.includes('--type=renderer')) continue
      const status = readFileSync(`/proc/${entry}/status`, 'utf8')
      const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
      biggest = Math.max(biggest, kb / 1024)
    } catch {
      // The process ended between readdir and read: not ours to measure.
      continue
    }
  }
  return biggest
}

/** Round trip of one engine request, and the size of its answer (results, suggestions). */
async function timedSend(
  page: Page,
  type: string,
  args: unknown,
): Promise<{ ms: number; size: number; engineMs: number }> {
  return page.evaluate(
    async ({ type, args }) => {
      const bench = (globalThis as unknown as BenchWindow).__rorBench
      const t0 = performance.now()
      const value = await bench.send(type, args)
      const ms = performance.now() - t0
      const answer = value as { total?: number; timings?: { totalMs: number } } | null
      const size = Array.isArray(value) ? value.length : (answer?.total ?? 0)
      return { ms, size, engineMs: answer?.timings?.totalMs ?? NaN }
    },
    { type, args },
  )
}

/** The activity with the most offers: the map benchmark's search shows the most markers. */
function busiestActivity(index: Awaited<ReturnType<typeof loadSearchIndex>>['index']): string {
  const { offsets } = index.activityOffers
  let best = 0
  for (let a = 1; a < offsets.length - 1; a++) {
    const size = (offsets[a + 1] ?? 0) - (offsets[a] ?? 0)
    if (size > (offsets[best + 1] ?? 0) - (offsets[best] ?? 0)) best = a
  }
  return index.activityCodes.values[best] ?? '227'
}

/** A workload query as the UI sends it (age in days, origin as a point). */
function uiQuery(query: ReturnType<typeof combinedQueries>[number]['query']) {
  return {
    activities: query.activities,
    age: `${Math.floor(query.ageMinutes / 1440)}d`,
    origin: { kind: 'point', lat: query.origin.lat, lon: query.origin.lon },
    radiusKm: query.radiusKm,
  }
}

interface BenchStatus {
  offerCount: number
  loadMs: number
  indexSource?: string
  readyAtMs?: number
  startup?: Record<string, number>
  lastStore?: {
    records: number
    ms: number
    decodeMs: number
    writeMs: number
    /** Building the search index from the records as they are stored. */
    indexMs: number
    activateMs: number
  }
}

async function engineStatus(page: Page): Promise<BenchStatus> {
  return (await page.evaluate(() =>
    (globalThis as unknown as BenchWindow).__rorBench.send('engine:status', {}),
  )) as BenchStatus
}

export async function run(argv: readonly string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      scale: { type: 'string', default: 'national' },
      seed: { type: 'string', default: '1' },
      queries: { type: 'string', default: '200' },
      // Chromium with the V8 flags the desktop app gives its renderer (main/renderer-memory.ts).
      'app-flags': { type: 'boolean', default: false },
    },
    USAGE,
  )
  const seed = Number(values.seed)
  const snapshot = ensureSnapshot(values.scale ?? 'national', seed)
  const chromePath = findChromium()

  // Realistic queries drawn from the snapshot itself (same generator as the Node benchmark).
  const loaded = await loadSearchIndex(snapshot)
  const combined = combinedQueries(loaded.index, Number(values.queries), seed)
  const typing = typingSessions(loaded.index, 20, seed).flatMap((text) => keystrokes(text))

  const configFile = resolve(root, 'vite.web.config.ts')
  await build({ configFile, logLevel: 'warn' })
  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { port: 0, strictPort: false },
  })
  const base = server.resolvedUrls?.local[0]
  if (!base) throw new Error('preview server has no local URL')
  const profile = await mkdtemp(join(tmpdir(), 'ror-bench-'))
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: chromePath,
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        '--enable-precise-memory-info',
        ...(values['app-flags'] ? [`--js-flags=${RENDERER_JS_FLAGS}`] : []),
      ],
      viewport: { width: 1440, height: 900 },
    })
  let context = await launch()
  const rows: (string | number)[][] = []
  try {
    let page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`${base}#bench`)
    await page.locator('html[data-app-state="ready"]').waitFor({ timeout: 120_000 })

    // 1. Store the national snapshot in IndexedDB through the app's import.
    await page.getByLabel('Fichier d’instantané à importer').setInputFiles(snapshot)
    await page.getByText(/Instantané « .* » chargé/).waitFor({ timeout: 600_000 })
    const status = await engineStatus(page)
    const stored = status.lastStore
    if (stored) {
      const rate = (ms: number) => `${Math.round(stored.records / (ms / 1000))} records/s`
      rows.push([
        'import: whole store step',
        stored.ms,
        rate(stored.ms),
        `${stored.records} records`,
      ])
      rows.push(['  check + decode chunks (CRC, JSON)', stored.decodeMs, rate(stored.decodeMs), ''])
      rows.push([
        '  IndexedDB writes (packed rows)',
        stored.writeMs,
        rate(stored.writeMs),
        'target ≥ 150,000 records/s',
      ])
      rows.push([
        '  index build from the records as stored',
        stored.indexMs,
        '',
        'what the offers refer to first, then the offers',
      ])
      rows.push(['  verify counts + activate', stored.activateMs, '', ''])
    }
    rows.push([
      'index finish + persist after import',
      status.loadMs,
      '',
      `${status.offerCount} offers, index ${status.indexSource ?? '?'}`,
    ])
    rows.push([
      'renderer peak memory (VmHWM) over the import',
      Math.round(rendererProcessesRssMb('VmHWM')),
      'MB, target ≤ 1500',
      'page + engine worker: store, index build from the records as stored, persist',
    ])

    // 1b. The index rebuilt from IndexedDB, as after a sync: the persisted one is dropped, and
    // a new browser's engine finds none (the offers are read one chunk at a time).
    // (A string: this file is type-checked without the DOM's types.)
    await page.evaluate(`new Promise((done, fail) => {
      const open = indexedDB.open('ror-hors-ligne')
      open.onerror = () => fail(open.error)
      open.onsuccess = () => {
        const tx = open.result.transaction('searchIndexes', 'readwrite')
        tx.objectStore('searchIndexes').clear()
        tx.oncomplete = () => { open.result.close(); done(true) }
        tx.onerror = () => fail(tx.error)
      }
    })`)
    await context.close()
    context = await launch()
    page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`${base}#bench`)
    await page.locator('html[data-app-state="ready"]').waitFor({ timeout: 600_000 })
    const rebuilt = await engineStatus(page)
    rows.push([
      'index rebuilt from IndexedDB + persisted',
      rebuilt.loadMs,
      '',
      `index ${rebuilt.indexSource ?? '?'} (the step that follows a sync)`,
    ])
    rows.push([
      'renderer peak memory (VmHWM) over that start',
      Math.round(rendererProcessesRssMb('VmHWM')),
      'MB, target ≤ 1500',
      'new browser: page + engine worker',
    ])

    // 2. Cold start: a new browser on the same profile (the snapshot stored in IndexedDB),
    // opened on a search URL, until the first result row shows. A search that has results in
    // any snapshot: the most common activity of the workload.
    await context.close()
    context = await launch()
    page = context.pages()[0] ?? (await context.newPage())
    const firstActivity = combined[0]?.query.activities?.[0] ?? '227'
    const search = `?activite=${encodeURIComponent(firstActivity)}`
    const t0 = Date.now()
    await page.goto(`${base}${search}#bench`)
    await page.locator('.result-name').first().waitFor({ timeout: 120_000 })
    const coldMs = Date.now() - t0
    const reloaded = await engineStatus(page)
    rows.push([
      'cold start → first result',
      coldMs,
      'target ≤ 2000 ms',
      `new browser, stored snapshot, search in URL; index ${reloaded.indexSource ?? '?'}, ` +
        `loaded in ${reloaded.loadMs} ms, ready ${reloaded.readyAtMs ?? '?'} ms after the worker started`,
    ])
    rows.push([
      '  worker steps (ms since engine:open)',
      '',
      '',
      Object.entries(reloaded.startup ?? {})
        .map(([step, ms]) => `${step} ${ms}`)
        .join(', '),
    ])
    rows.push([
      'renderer process memory (RSS) after cold start',
      Math.round(rendererProcessesRssMb()),
      'MB, target ≤ 800',
      'page + engine worker, index loaded, first search shown',
    ])

    // 3. Combined queries and autocomplete, round trip through the worker.
    const combinedMs: number[] = []
    const matchMs: number[] = []
    let found = 0
    for (const { query } of combined) {
      const { ms, size, engineMs } = await timedSend(page, 'engine:search', {
        query: uiQuery(query),
        limit: 100,
      })
      combinedMs.push(ms)
      matchMs.push(engineMs)
      found += size
    }
    rows.push([
      'activity + age + 30 km (p50)',
      percentile(combinedMs, 50),
      '',
      `${combinedMs.length} queries, ${Math.round(found / combinedMs.length)} results on average`,
    ])
    rows.push(['activity + age + 30 km (p95)', percentile(combinedMs, 95), 'target ≤ 30 ms', ''])
    rows.push([
      'activity + age + 30 km (p99 / max)',
      `${percentile(combinedMs, 99)} / ${Math.max(...combinedMs)}`,
      '',
      '',
    ])
    // The same queries timed as one run (clock coarsening is 0.1 ms per reading, not per query).
    const runMs = await page.evaluate(
      async (queries) => {
        const bench = (globalThis as unknown as BenchWindow).__rorBench
        const t0 = performance.now()
        for (const query of queries) await bench.send('engine:search', { query, limit: 100 })
        return performance.now() - t0
      },
      combined.map(({ query }) => uiQuery(query)),
    )
    rows.push([
      'activity + age + 30 km (mean of one run)',
      runMs / combined.length,
      '',
      'cross-check of the per-query clock',
    ])
    rows.push([
      '  of which matching in the worker (p95)',
      percentile(matchMs, 95),
      '',
      'engine timings, same clock',
    ])
    const suggestMs: number[] = []
    for (const text of typing) {
      for (const kind of ['activity', 'structure']) {
        suggestMs.push((await timedSend(page, 'engine:suggest', { kind, text, limit: 8 })).ms)
      }
    }
    rows.push([
      'autocomplete per keystroke (p95)',
      percentile(suggestMs, 95),
      'target ≤ 15 ms',
      `${suggestMs.length} keystrokes`,
    ])

    // 4. Map redraw after a pan, on a search with many markers (a whole activity, nationwide).
    await page.goto(`${base}?activite=${encodeURIComponent(busiestActivity(loaded.index))}#bench`)
    await page.locator('html[data-app-state="ready"]').waitFor({ timeout: 120_000 })
    const map = page.getByRole('region', { name: 'Carte de France' })
    const box = await map.boundingBox()
    const redraws: number[] = []
    if (box) {
      for (let i = 0; i < 20; i++) {
        const x = box.x + box.width / 2
        const y = box.y + box.height / 2
        await page.mouse.move(x, y)
        await page.mouse.down()
        await page.mouse.move(x + (i % 2 ? -120 : 120), y + 40, { steps: 4 })
        await page.mouse.up()
        await page.waitForTimeout(150)
        redraws.push(Number(await map.getAttribute('data-last-redraw-ms')))
      }
    }
    const points = await map.getAttribute('data-point-count')
    rows.push([
      'map redraw after a pan (p95)',
      percentile(redraws, 95),
      'target ≤ 100 ms',
      `${points} result points`,
    ])
    rows.push([
      'renderer process memory (RSS) at the end',
      Math.round(rendererProcessesRssMb()),
      'MB, target ≤ 800',
      'after all the queries and map pans above',
    ])
  } finally {
    await context.close()
    await server.close()
    await rm(profile, { recursive: true, force: true })
  }
  process.stdout.write(
    `\nROR hors ligne — search in headless Chromium (${values.scale}, seed ${seed}` +
      `${values['app-flags'] ? `, --js-flags=${RENDERER_JS_FLAGS}` : ''})\n\n`,
  )
  process.stdout.write(`${table(['measure', 'ms', 'figure', 'note'], rows)}\n`)
  return 0
}
