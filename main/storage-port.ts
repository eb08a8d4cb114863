/**
 * The MessagePort between main and the renderer's storage worker (core/ipc/snapshot-transfer.ts).
 * On every page load main creates a channel, sends one end to the page (the preload forwards it
 * to the page, which hands it to its storage worker) and keeps the other, wrapped as a
 * {@link TransferPort}; a reload replaces the port. No `electron` import: main/index.ts passes
 * `MessageChannelMain` and the window's `webContents` as the structural types below.
 */
import type { MainToStorage, StorageToMain, TransferPort } from '../core/ipc/snapshot-transfer'

/** The channel the port travels on, main → preload (`webContents.postMessage`). */
export const STORAGE_PORT_CHANNEL = 'storage:port'

/** The part of Electron's `MessagePortMain` used here. */
export interface MainPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown
  start(): void
  close(): void
}

/** The part of `webContents` used here. */
export interface PortTarget<P extends MainPort = MainPort> {
  postMessage(channel: string, message: unknown, transfer: P[]): void
  isDestroyed(): boolean
}

/** What the storage worker may send: anything else is dropped before the sender sees it. */
function isStorageMessage(data: unknown): data is StorageToMain {
  if (typeof data !== 'object' || data === null) return false
  const { type, transferId } = data as { type?: unknown; transferId?: unknown }
  return (
    typeof transferId === 'string' &&
    (type === 'ready' || type === 'ack' || type === 'done' || type === 'failed')
  )
}

/** Wraps main's end of the channel as the sender's {@link TransferPort}. */
export function wrapMainPort(port: MainPort): TransferPort<MainToStorage, StorageToMain> {
  const listeners = new Set<(message: StorageToMain) => void>()
  port.on('message', (event) => {
    if (!isStorageMessage(event.data)) return
    for (const listener of [...listeners]) listener(event.data)
  })
  port.start()
  return {
    post: (message) => port.postMessage(message),
    listen: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export interface StoragePortLinkDeps<P extends MainPort> {
  createChannel: () => { port1: P; port2: P }
  /** Called once a new port is in place (main re-sends the snapshot it holds). */
  onConnected: () => void
}

/** Main's current port to the storage worker; `connect` after every page load. */
export class StoragePortLink<P extends MainPort = MainPort> {
  private port: { raw: P; wrapped: TransferPort<MainToStorage, StorageToMain> } | null = null

  constructor(private readonly deps: StoragePortLinkDeps<P>) {}

  /** The port to use now, or null before the first page load. */
  current(): TransferPort<MainToStorage, StorageToMain> | null {
    return this.port?.wrapped ?? null
  }

  /** Gives the page a fresh port (the old one belonged to the page that was replaced). */
  connect(target: PortTarget<P>): void {
    if (target.isDestroyed()) return
    this.close()
    const { port1, port2 } = this.deps.createChannel()
    this.port = { raw: port1, wrapped: wrapMainPort(port1) }
    target.postMessage(STORAGE_PORT_CHANNEL, null, [port2])
    this.deps.onConnected()
  }

  close(): void {
    this.port?.raw.close()
    this.port = null
  }
}
