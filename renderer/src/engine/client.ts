import type {
  EngineArgs,
  EngineEvent,
  EngineRequestType,
  EngineResponse,
  EngineResult,
} from './protocol'

/** A failure reported by the engine worker, with its French message. */
export class EngineRequestError extends Error {
  constructor(name: string, message: string) {
    super(message)
    this.name = name
  }
}

/**
 * The UI side of the engine worker: `send` is typed by the handler map, so a request and
 * its result cannot drift apart.
 */
export class EngineClient {
  private nextId = 1
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >()
  private readonly listeners = new Set<(event: EngineEvent) => void>()

  constructor(private readonly worker: Worker) {
    worker.addEventListener(
      'message',
      (message: MessageEvent<EngineResponse | { event: EngineEvent }>) => {
        const data = message.data
        if ('event' in data) {
          for (const listener of this.listeners) listener(data.event)
          return
        }
        const waiting = this.pending.get(data.id)
        if (!waiting) return
        this.pending.delete(data.id)
        if (data.ok) waiting.resolve(data.value)
        else waiting.reject(new EngineRequestError(data.error.name, data.error.message))
      },
    )
    worker.addEventListener('error', (event) => {
      const error = new EngineRequestError(
        'WorkerError',
        `Le moteur s’est arrêté : ${event.message}`,
      )
      for (const waiting of this.pending.values()) waiting.reject(error)
      this.pending.clear()
    })
  }

  send<K extends EngineRequestType>(
    type: K,
    args: EngineArgs<K>,
    transfer: Transferable[] = [],
  ): Promise<Awaited<EngineResult<K>>> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.worker.postMessage({ id, type, args }, transfer)
    })
  }

  /**
   * Electron: hands the port from main (snapshots it synced) to the worker, which serves
   * transfers on it once the engine is open. The port is transferred, not copied.
   */
  attachStoragePort(port: MessagePort): Promise<boolean> {
    return this.send('engine:attachStoragePort', { port }, [port])
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

let shared: EngineClient | undefined

/** The app's one engine worker, started on first use. */
export function engineClient(): EngineClient {
  shared ??= new EngineClient(
    new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }),
  )
  return shared
}
