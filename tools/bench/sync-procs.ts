/**
 * Child processes of the sync benchmark: the sandbox (its own process, as the ROR is a remote
 * server) and the `cli sync` runs, each with its peak resident memory read from
 * /proc/<pid>/status (VmHWM, Linux) until it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export const REPO = resolve(import.meta.dirname, '../..')

/** Samples a process's peak RSS (VmHWM, bytes) and its CPU time (all threads) until `stop`. */
export class PeakMemory {
  peak = 0
  /** User + system CPU seconds of the process (every thread), at the last sample. */
  cpuSeconds = 0
  private readonly timer: ReturnType<typeof setInterval>

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 200)
  }

  sample(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8')
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0)
      this.peak = Math.max(this.peak, kb * 1024)
      // /proc/<pid>/stat fields 14 and 15 (after the parenthesised name): utime, stime in ticks.
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      this.cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100
    } catch {
      // the process is gone: keep the last reading
    }
  }

  stop(): number {
    clearInterval(this.timer)
    return this.peak
  }
}

export interface SandboxProcess {
  url: string
  child: ChildProcess
  memory: PeakMemory
  stop(): Promise<void>
}

/** Starts `tools/ror-sandbox/main.ts` on a free port; resolves once it listens. */
export function startSandboxProcess(args: readonly string[]): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tools/ror-sandbox/main.ts', '--port', '0', ...args],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const memory = new PeakMemory(child.pid!)
  return new Promise((resolveStart, reject) => {
    let out = ''
    child.on('exit', (code) => reject(new Error(`sandbox exited (${code}) before listening`)))
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const match = /listening on (\S+)/.exec(out)
      if (!match) return
      resolveStart({
        url: match[1]!,
        child,
        memory,
        stop: () =>
          new Promise((done) => {
            memory.sample()
            memory.stop()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  seconds: number
  peakBytes: number
  /** CPU time of the process (every thread), a measure that load on the machine barely moves. */
  cpuSeconds: number
}

/** Runs `cli sync …` in a child process (as a cron job would), measuring time and memory. */
export function runCliSync(
  args: readonly string[],
  onLine?: (line: string) => void,
): Promise<CliRun> {
  const started = performance.now()
  const child = spawn(process.execPath, ['cli/run.mjs', 'sync', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const memory = new PeakMemory(child.pid!)
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr!.on('data', (d: Buffer) => {
    const text = d.toString()
    stderr += text
    for (const line of text.split('\n')) if (line.trim() !== '') onLine?.(line)
  })
  return new Promise((done) =>
    child.on('exit', (code) => {
      done({
        code,
        stdout,
        stderr,
        seconds: (performance.now() - started) / 1000,
        peakBytes: memory.stop(),
        cpuSeconds: memory.cpuSeconds,
      })
    }),
  )
}

/** Seconds at which each phase message first appeared in the CLI's progress lines. */
export function phaseTimes(stderr: string): Map<string, number> {
  const times = new Map<string, number>()
  for (const line of stderr.split('\n')) {
    const match = /^\[\s*([\d.]+)s\] (.*)$/.exec(line)
    if (!match) continue
    const text = match[2]!
    const key = text.startsWith('Téléchargement')
      ? 'download'
      : text.startsWith('Recherche des modifications')
        ? 'delta'
        : text.startsWith('Contrôle des droits')
          ? 'map'
          : text.startsWith('Enregistrement')
            ? 'write'
            : /sync done/.test(text)
              ? 'done'
              : undefined
    if (key && !times.has(key)) times.set(key, Number(match[1]))
  }
  return times
}
