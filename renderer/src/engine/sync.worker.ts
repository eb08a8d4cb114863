/// <reference lib="webworker" />
/**
 * Browser-mode sync in a worker of its own, started by the engine worker for one sync and
 * ended after it (sync-worker-client.ts). A national sync allocates gigabytes of buffers and
 * objects that the JavaScript engine collects only now and then; ending the thread gives all
 * of it back at once — its heap, its garbage, the allocators' spare pages — before the engine
 * worker builds the search index from what was stored (bench `sync-browser`: the renderer's
 * peak was the index build on top of the sync's leftovers).
 *
 * It opens the app's IndexedDB itself (a second connection) and loads the bundled communes
 * (placement centroids) from the URL the engine worker got them from.
 */
import { Gazetteer } from '../../../core/geo/gazetteer'
import { database } from '../storage/db'
import { runBrowserSync } from './sync-runner'
import type { SyncWorkerReply, SyncWorkerRequest } from './sync-worker-client'

const scope = self as unknown as DedicatedWorkerGlobalScope
let controller: AbortController | undefined

const reply = (message: SyncWorkerReply) => scope.postMessage(message)

scope.onmessage = (event: MessageEvent<SyncWorkerRequest>) => {
  const message = event.data
  if (message.type === 'cancel') {
    controller?.abort()
    return
  }
  controller = new AbortController()
  void run(message, controller.signal).then(
    (result) => reply({ type: 'result', result }),
    (error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error))
      reply({ type: 'error', error: { name: err.name, message: err.message } })
    },
  )
}

async function run(message: Extract<SyncWorkerRequest, { type: 'start' }>, signal: AbortSignal) {
  const response = await fetch(message.communesUrl)
  if (!response.ok) {
    throw new Error(`Fichier embarqué introuvable (${response.status}) : ${message.communesUrl}`)
  }
  const gazetteer = new Gazetteer(await response.json())
  const db = database()
  try {
    return await runBrowserSync(db, message.request, {
      signal,
      onEvent: (event) => reply({ type: 'event', event }),
      communeCentroid: (code) => gazetteer.centroid(code),
    })
  } finally {
    db.close()
  }
}
