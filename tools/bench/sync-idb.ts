/**
 * IndexedDB write rate in real Chromium (playwright-core + the Debian chromium): real records
 * from the synced snapshot, written as the app's SlotWriter does — one packed row of 1000
 * records per `put`, one transaction per row — then read back as the engine does at start-up.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from '../../tests/e2e/support/chromium'

export interface IdbRates {
  records: number
  writeSeconds: number
  readSeconds: number
  /** The same rows stored as the file's compressed chunk bytes instead of record objects. */
  packedBytes?: { writeSeconds: number; readSeconds: number; bytesPerRow: number }
}

/** The few IndexedDB shapes the page code uses (this file is type-checked without DOM types). */
interface Req<T> {
  result: T
  error: unknown
  onsuccess: (() => void) | null
  onerror: (() => void) | null
  onupgradeneeded?: (() => void) | null
}
interface Store {
  put(value: unknown): void
  getAll(): Req<unknown[]>
  createIndex(name: string, key: string): void
  index(name: string): { getAll(key: string): Req<unknown[]> }
}
interface Tx {
  objectStore(name: string): Store
  oncomplete: (() => void) | null
  onerror: (() => void) | null
  error: unknown
}
interface Db {
  transaction(store: string, mode?: 'readwrite'): Tx
  createObjectStore(name: string, options: { keyPath: string[] }): Store
}

/** The page's work: write `rows` rows of the sample, then read them all back. */
async function inPage(args: { sample: unknown[]; bytes: number[]; rows: number }) {
  const idb = (globalThis as unknown as { indexedDB: { open(n: string, v: number): Req<Db> } })
    .indexedDB
  const db = await new Promise<Db>((resolve, reject) => {
    const req = idb.open('sync-bench', 1)
    req.onupgradeneeded = () => {
      req.result
        .createObjectStore('chunks', { keyPath: ['slot', 'seq'] })
        .createIndex('slot', 'slot')
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  const done = (tx: Tx) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
  let t = performance.now()
  for (let seq = 0; seq < args.rows; seq++) {
    const tx = db.transaction('chunks', 'readwrite')
    const row = { slot: 'a', seq, kind: 'offer', count: args.sample.length, records: args.sample }
    tx.objectStore('chunks').put(row)
    await done(tx)
  }
  const writeSeconds = (performance.now() - t) / 1000
  t = performance.now()
  const rows = await new Promise<unknown[]>((resolve, reject) => {
    const req = db.transaction('chunks').objectStore('chunks').getAll()
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  let read = 0
  for (const row of rows as { records: unknown[] }[]) read += row.records.length
  const readSeconds = (performance.now() - t) / 1000
  // Same rows, holding the chunk as its compressed bytes (what main sends): a binary clone.
  const bytes = new Uint8Array(args.bytes)
  t = performance.now()
  for (let seq = 0; seq < args.rows; seq++) {
    const tx = db.transaction('chunks', 'readwrite')
    tx.objectStore('chunks').put({
      slot: 'b',
      seq,
      kind: 'offer',
      count: args.sample.length,
      bytes,
    })
    await done(tx)
  }
  const packedWrite = (performance.now() - t) / 1000
  t = performance.now()
  await new Promise<unknown[]>((resolve, reject) => {
    const req = db.transaction('chunks').objectStore('chunks').index('slot').getAll('b')
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  const packedRead = (performance.now() - t) / 1000
  return {
    records: read,
    writeSeconds,
    readSeconds,
    packedBytes: {
      writeSeconds: packedWrite,
      readSeconds: Math.max(0, packedRead),
      bytesPerRow: bytes.length,
    },
  }
}

/** Measures in headless Chromium; `sample` is one chunk of real records (~1000). */
export async function measureIdb(
  sample: unknown[],
  chunkBytes: Uint8Array,
  rows: number,
): Promise<IdbRates> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end('<!doctype html><title>idb</title>')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const profile = mkdtempSync(join(tmpdir(), 'ror-idb-bench-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    // tsx names functions with an `__name` helper that the page does not have.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f' })
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    return await page.evaluate(inPage, { sample, bytes: [...chunkBytes], rows })
  } finally {
    await context.close()
    server.close()
    rmSync(profile, { recursive: true, force: true })
  }
}
