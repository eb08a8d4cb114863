/**
 * The engine worker's side of sync.worker.ts: one worker per sync, ended once the sync is
 * over (its memory all given back before the search index is rebuilt). Where a worker cannot
 * start one (Node tests), the engine runs the sync in its own thread (sync-runner.ts).
 */
import type { SyncResult } from '../../../core/sync/engine'
import type { SyncEvent } from '../../../core/sync/events'
import type { BrowserSyncRequest } from './sync-runner'

export type SyncWorkerRequest =
  { type: 'start'; request: BrowserSyncRequest; communesUrl: string } | { type: 'cancel' }

export type SyncWorkerReply =
  | { type: 'event'; event: SyncEvent }
  | { type: 'result'; result: SyncResult }
  | { type: 'error'; error: { name: string; message: string } }

/**
 * What is used of a Web Worker: this file is also compiled for Node (tests/engine), without the
 * DOM's types; at run time `Worker` is the runtime's own, where there is one.
 */
interface SyncWorker {
  postMessage(message: SyncWorkerRequest): void
  terminate(): void
  onmessage: ((event: { data: SyncWorkerReply }) => void) | null
  onerror: ((event: { message?: string }) => void) | null
}
declare const Worker: new (url: URL, options: { type: 'module'; name: string }) => SyncWorker

/** Whether this thread can start a worker (browsers, workers included; not Node). */
export function canStartSyncWorker(): boolean {
  return typeof Worker !== 'undefined'
}

/**
 * Runs one sync in a worker of its own and ends the worker when it is over. Rejects with an
 * error of the same name and (French) message as the sync's own.
 */
export function runSyncInWorker(
  request: BrowserSyncRequest,
  communesUrl: string,
  options: { signal: AbortSignal; onEvent: (event: SyncEvent) => void },
): Promise<SyncResult> {
  const worker = new Worker(new URL('./sync.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sync',
  })
  const post = (message: SyncWorkerRequest) => worker.postMessage(message)
  const { signal, onEvent } = options
  return new Promise<SyncResult>((resolve, reject) => {
    const onAbort = () => post({ type: 'cancel' })
    const end = () => {
      signal.removeEventListener('abort', onAbort)
      worker.terminate()
    }
    worker.onmessage = (event) => {
      const reply = event.data
      if (reply.type === 'event') return onEvent(reply.event)
      end()
      if (reply.type === 'result') return resolve(reply.result)
      const error = new Error(reply.error.message)
      error.name = reply.error.name
      reject(error)
    }
    worker.onerror = (event) => {
      end()
      reject(
        new Error(
          `La synchronisation s’est interrompue (${event.message || 'erreur du worker'}). ` +
            'L’instantané précédent est conservé ; relancez la synchronisation.',
        ),
      )
    }
    signal.addEventListener('abort', onAbort, { once: true })
    post({ type: 'start', request, communesUrl })
  })
}
