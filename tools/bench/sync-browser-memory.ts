/**
 * Memory of `bench sync-browser`: the Chromium processes' resident memory (/proc), the engine
 * worker's and the page's JavaScript heaps (DevTools protocol), the IndexedDB folder's size.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { CDPSession, Page } from 'playwright-core'

/** Pids of the processes under `root` (its own included). */
function descendants(root: number): Map<number, string> {
  const parent = new Map<number, number>()
  const cmd = new Map<number, string>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
      cmd.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8'))
    } catch {
      continue // ended meanwhile
    }
  }
  const out = new Map<number, string>()
  for (const [pid, command] of cmd) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        out.set(pid, command)
        break
      }
    }
  }
  return out
}

/** The browser process of the profile `profileDir` (the one without `--type=`). */
export function browserPid(profileDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      if (cmdline.includes(`--user-data-dir=${profileDir}`) && !cmdline.includes('--type=')) {
        return Number(entry)
      }
    } catch {
      continue
    }
  }
  throw new Error(`no Chromium browser process for ${profileDir}`)
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssShmem'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  } catch {
    return 0
  }
}

/** Memory of our Chromium: the renderer (page + its workers) and every process summed. */
export interface MemorySample {
  rendererMb: number
  /** VmHWM of the renderer: its peak resident memory since it started. */
  rendererHwmMb: number
  /**
   * Of the renderer's RSS: private anonymous memory (heaps, allocators) and shared memory
   * (Mojo data pipes and blob transport to the browser process, e.g. IndexedDB values).
   */
  rendererAnonMb: number
  rendererShmemMb: number
  allMb: number
}

export function sampleMemory(browser: number): MemorySample {
  let rendererMb = 0
  let rendererHwmMb = 0
  let rendererAnonMb = 0
  let rendererShmemMb = 0
  let allMb = 0
  for (const [pid, cmdline] of descendants(browser)) {
    const rss = statusKb(pid, 'VmRSS') / 1024
    allMb += rss
    if (!cmdline.includes('--type=renderer')) continue
    rendererHwmMb = Math.max(rendererHwmMb, statusKb(pid, 'VmHWM') / 1024)
    if (rss < rendererMb) continue
    rendererMb = rss
    rendererAnonMb = statusKb(pid, 'RssAnon') / 1024
    rendererShmemMb = statusKb(pid, 'RssShmem') / 1024
  }
  return { rendererMb, rendererHwmMb, rendererAnonMb, rendererShmemMb, allMb }
}

/** Bytes of the files under `dir` (IndexedDB: the LevelDB files and the blob files). */
export function dirBytes(dir: string): number {
  let total = 0
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return 0
  }
  for (const name of entries) {
    const path = join(dir, name)
    try {
      const stat = statSync(path)
      total += stat.isDirectory() ? dirBytes(path) : stat.size
    } catch {
      continue // compaction removed it meanwhile
    }
  }
  return total
}

/**
 * JavaScript heap of the engine worker (V8's used heap + ArrayBuffer backing stores), through
 * the DevTools protocol: the worker has no `performance.memory`. Workers are attached as they
 * start (a page load starts a new one); the latest engine worker is sampled, with the sync
 * worker it starts for a sync (summed).
 */
export class WorkerHeap {
  private session: string | undefined
  /** The sync's own worker, started by the engine worker (renderer/src/engine/sync.worker.ts). */
  private nested: string | undefined
  private next = 1
  private readonly waiting = new Map<number, (result: unknown) => void>()

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (e) => {
      // The engine worker only: the page starts others (the map's clustering worker), and the
      // latest one attached is not necessarily the engine's.
      if (e.targetInfo.type !== 'worker' || !e.targetInfo.url.includes('engine.worker')) return
      this.session = e.sessionId
      this.nested = undefined
      // Its own workers are attached too (through it: the target-routed form).
      this.post(e.sessionId, 'Target.setAutoAttach', {
        autoAttach: true,
        waitForDebuggerOnStart: false,
        flatten: false,
      })
    })
    cdp.on('Target.receivedMessageFromTarget', (e) => this.received(e.message))
  }

  private received(text: string): void {
    const message = JSON.parse(text) as {
      id?: number
      result?: unknown
      method?: string
      params?: { sessionId?: string; message?: string; targetInfo?: { type?: string } }
    }
    if (message.id !== undefined) this.waiting.get(message.id)?.(message.result)
    const params = message.params
    if (message.method === 'Target.attachedToTarget' && params?.targetInfo?.type === 'worker') {
      this.nested = params.sessionId
    } else if (message.method === 'Target.detachedFromTarget') {
      if (params?.sessionId === this.nested) this.nested = undefined
    } else if (message.method === 'Target.receivedMessageFromTarget' && params?.message) {
      this.received(params.message)
    }
  }

  /** Sends a protocol message to the engine worker, or through it to its sync worker. */
  private post(sessionId: string, method: string, params: object, nested?: string): number {
    const id = this.next++
    let message = JSON.stringify({ id, method, params })
    if (nested) {
      const outer = { sessionId: nested, message }
      message = JSON.stringify({
        id: this.next++,
        method: 'Target.sendMessageToTarget',
        params: outer,
      })
    }
    void this.cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(() => undefined)
    return id
  }

  /** The answer to `method` from the engine worker (or its sync worker); undefined after 2 s. */
  private ask(method: string, nested?: string): Promise<unknown> {
    const sessionId = this.session
    if (!sessionId) return Promise.resolve(undefined)
    const id = this.post(sessionId, method, {}, nested)
    return new Promise<unknown>((resolve) => {
      this.waiting.set(id, resolve)
      setTimeout(() => resolve(undefined), 2000)
    }).finally(() => this.waiting.delete(id))
  }

  /** Call before the first navigation: workers started later are attached automatically. */
  static async attach(page: Page): Promise<WorkerHeap> {
    const cdp = await page.context().newCDPSession(page)
    const heap = new WorkerHeap(cdp)
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    })
    return heap
  }

  /**
   * A full garbage collection in the worker and the page, then a critical memory-pressure
   * notification (the allocators give back their free pages): what the renderer then still
   * holds is live, the rest was garbage or cached.
   */
  async purge(): Promise<void> {
    await Promise.all([
      this.ask('HeapProfiler.collectGarbage'),
      this.nested ? this.ask('HeapProfiler.collectGarbage', this.nested) : undefined,
    ])
    await this.cdp.send('HeapProfiler.collectGarbage').catch(() => undefined)
    await this.cdp.send('Memory.simulatePressureNotification', { level: 'critical' })
    await new Promise((resolve) => setTimeout(resolve, 3000))
  }

  /**
   * MB used in the workers' heaps (the engine worker's, plus the sync worker's during a sync),
   * committed for them, of their ArrayBuffer backing stores, of Blink's heap (Oilpan), and the
   * page's (main thread) heap used and committed; undefined when a worker did not answer
   * within 2 s (a long synchronous task).
   */
  async sampleMb(): Promise<HeapSample | undefined> {
    if (!this.session) return undefined
    const nested = this.nested
    const [engine, sync, page] = await Promise.all([
      this.ask('Runtime.getHeapUsage') as Promise<HeapUsage | undefined>,
      nested
        ? (this.ask('Runtime.getHeapUsage', nested) as Promise<HeapUsage | undefined>)
        : undefined,
      this.cdp.send('Runtime.getHeapUsage').catch(() => undefined),
    ])
    if (!engine || (nested && !sync)) return undefined
    // Both workers: the engine's (search index) and, during a sync, the sync's own.
    const sum = (f: (u: HeapUsage) => number | undefined) =>
      Math.round(((f(engine) ?? 0) + (sync ? (f(sync) ?? 0) : 0)) / 1048576)
    const mb = (bytes: number | undefined) => Math.round((bytes ?? 0) / 1048576)
    return {
      heapMb: sum((u) => u.usedSize),
      committedMb: sum((u) => u.totalSize),
      buffersMb: sum((u) => u.backingStorageSize),
      embedderMb: sum((u) => u.embedderHeapUsedSize),
      pageHeapMb: mb(page?.usedSize),
      pageCommittedMb: mb(page?.totalSize),
    }
  }
}

interface HeapUsage {
  usedSize: number
  totalSize: number
  backingStorageSize?: number
  /** Blink's own garbage-collected heap (Oilpan) in that thread. */
  embedderHeapUsedSize?: number
}

export interface HeapSample {
  heapMb: number
  committedMb: number
  buffersMb: number
  embedderMb: number
  pageHeapMb: number
  pageCommittedMb: number
}

/** One reading of the monitor, at `t` (Date.now()). */
export interface Sample {
  t: number
  rendererMb: number
  /** The renderer's private anonymous and shared resident memory (see MemorySample). */
  anonMb?: number
  shmemMb?: number
  workerHeapMb?: number
  workerBuffersMb?: number
  workerEmbedderMb?: number
  /** Committed heap of the worker, heap of the page (used / committed). */
  workerCommittedMb?: number
  pageHeapMb?: number
  pageCommittedMb?: number
}

/**
 * Samples the memory of our Chromium twice a second, the workers' heaps once a second
 * and the IndexedDB folder every 2 s.
 */
export class Monitor {
  private readonly timer: ReturnType<typeof setInterval>
  private ticks = 0
  private peak = { rendererMb: 0, allMb: 0, idbBytes: 0, workerMb: 0 }
  private samples: Sample[] = []
  latest = { rendererMb: 0, allMb: 0, idbBytes: 0, workerMb: 0 }
  /** VmHWM of the renderer: its peak resident memory over the whole run. */
  rendererHwmMb = 0

  constructor(
    readonly browser: number,
    private readonly idbDir: string,
    private readonly worker?: WorkerHeap,
  ) {
    this.timer = setInterval(() => this.sample(), 500)
  }

  sample(): void {
    const memory = sampleMemory(this.browser)
    this.rendererHwmMb = Math.max(this.rendererHwmMb, memory.rendererHwmMb)
    this.latest.rendererMb = memory.rendererMb
    this.latest.allMb = memory.allMb
    const sample: Sample = {
      t: Date.now(),
      rendererMb: memory.rendererMb,
      anonMb: Math.round(memory.rendererAnonMb),
      shmemMb: Math.round(memory.rendererShmemMb),
    }
    this.samples.push(sample)
    if (this.ticks++ % 4 === 0) this.latest.idbBytes = dirBytes(this.idbDir)
    if (this.worker && this.ticks % 2 === 0) {
      void this.worker.sampleMb().then((heap) => {
        if (!heap) return
        sample.workerHeapMb = heap.heapMb
        sample.workerBuffersMb = heap.buffersMb
        sample.workerEmbedderMb = heap.embedderMb
        sample.workerCommittedMb = heap.committedMb
        sample.pageHeapMb = heap.pageHeapMb
        sample.pageCommittedMb = heap.pageCommittedMb
        this.latest.workerMb = heap.heapMb + heap.buffersMb
        this.peak.workerMb = Math.max(this.peak.workerMb, this.latest.workerMb)
      })
    }
    this.peak.rendererMb = Math.max(this.peak.rendererMb, memory.rendererMb)
    this.peak.allMb = Math.max(this.peak.allMb, memory.allMb)
    this.peak.idbBytes = Math.max(this.peak.idbBytes, this.latest.idbBytes)
  }

  /** Peaks since the previous call, and the samples taken meanwhile. */
  segment(): {
    rendererPeakMb: number
    allPeakMb: number
    idbPeakBytes: number
    workerPeakMb: number
    samples: Sample[]
  } {
    this.sample()
    const out = {
      rendererPeakMb: Math.round(this.peak.rendererMb),
      allPeakMb: Math.round(this.peak.allMb),
      idbPeakBytes: this.peak.idbBytes,
      workerPeakMb: this.peak.workerMb,
      samples: this.samples,
    }
    this.peak = { rendererMb: 0, allMb: 0, idbBytes: 0, workerMb: 0 }
    this.samples = []
    return out
  }

  /** Garbage collection and memory-pressure purge (see WorkerHeap.purge). */
  async purge(): Promise<void> {
    await this.worker?.purge()
  }

  idbBytesNow(): number {
    return dirBytes(this.idbDir)
  }

  stop(): void {
    clearInterval(this.timer)
  }
}
