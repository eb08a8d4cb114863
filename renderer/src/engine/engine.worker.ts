/// <reference lib="webworker" />
/**
 * Worker entry of the engine: dispatches requests to {@link EngineService} through a handler
 * map, transfers big typed arrays instead of copying them, and forwards progress events.
 */
import type {
  MainToStorage,
  StorageToMain,
  TransferPort,
} from '../../../core/ipc/snapshot-transfer'
import { database } from '../storage/db'
import { EngineError, EngineService } from './engine-service'
import type {
  EngineEvent,
  EngineHandlers,
  EngineRequest,
  EngineRequestType,
  EngineResponse,
} from './protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url)
  if (!response.ok)
    throw new EngineError(`Fichier embarqué introuvable (${response.status}) : ${url}`)
  return response
}

const service = new EngineService(
  database(),
  {
    bytes: async (url) => new Uint8Array(await (await fetchOk(url)).arrayBuffer()),
    json: async (url) => (await fetchOk(url)).json() as Promise<unknown>,
  },
  (event: EngineEvent) => scope.postMessage({ event }),
)

type Handlers = {
  [K in EngineRequestType]: (
    args: Parameters<EngineHandlers[K]>[0],
  ) => ReturnType<EngineHandlers[K]> | Promise<ReturnType<EngineHandlers[K]>>
}

const handlers: Handlers = {
  'engine:open': (args) => service.open(args),
  'engine:status': () => service.currentStatus(),
  'engine:search': ({ query, limit }) => service.search(query, limit),
  'engine:page': ({ query, offset, limit }) => service.page(query, offset, limit),
  'engine:suggest': ({ kind, text, limit }) => service.suggest(kind, text, limit),
  'engine:detail': ({ offerId }) => service.detail(offerId),
  'engine:csv': ({ query }) => service.csv(query),
  'engine:importFhir': ({ files, profile }) => service.importFhir(files, profile),
  'engine:importSnapshot': ({ bytes, fileName }) =>
    service.importSnapshot(new Uint8Array(bytes), fileName),
  'engine:sync': ({ request }) => service.sync(request),
  'engine:syncCancel': () => service.cancelSync(),
  'engine:narrow': ({ profile }) => service.narrow(profile),
  'engine:attachStoragePort': ({ port }) => {
    service.attachStoragePort(messagePortTransfer(port))
    return true
  },
  'engine:exportSnapshot': async () => {
    const bytes = await service.exportSnapshot()
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  },
}

/** The storage side of core/ipc/snapshot-transfer.ts over a DOM MessagePort. */
function messagePortTransfer(port: MessagePort): TransferPort<StorageToMain, MainToStorage> {
  return {
    post: (message) => port.postMessage(message),
    listen: (listener) => {
      const onMessage = (event: MessageEvent) => listener(event.data as MainToStorage)
      port.addEventListener('message', onMessage)
      port.start()
      return () => port.removeEventListener('message', onMessage)
    },
  }
}

/** Typed arrays and buffers in a result are transferred, not copied. */
function transferables(value: unknown): Transferable[] {
  if (value instanceof ArrayBuffer) return [value]
  if (value && typeof value === 'object' && 'points' in value) {
    const { points } = value as {
      points: { lat: Float32Array; lon: Float32Array; index: Uint32Array }
    }
    return [points.lat.buffer, points.lon.buffer, points.index.buffer]
  }
  return []
}

scope.addEventListener('message', (message: MessageEvent<EngineRequest>) => {
  const { id, type, args } = message.data
  const handler = handlers[type] as (a: unknown) => unknown
  Promise.resolve()
    .then(() => handler(args))
    .then(
      (value) =>
        scope.postMessage({ id, ok: true, value } satisfies EngineResponse, transferables(value)),
      (error: unknown) => {
        const err = error instanceof Error ? error : new Error(String(error))
        scope.postMessage({
          id,
          ok: false,
          error: { name: err.name, message: err.message },
        } satisfies EngineResponse)
      },
    )
})
