import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { StorageToMain } from '../core/ipc/snapshot-transfer'
import { STORAGE_PORT_CHANNEL, StoragePortLink, wrapMainPort, type MainPort } from './storage-port'

/** A stand-in for `MessagePortMain`: an EventEmitter that queues until `start`. */
class FakePort extends EventEmitter implements MainPort {
  sent: unknown[] = []
  started = false
  closed = false
  postMessage(message: unknown): void {
    this.sent.push(message)
  }
  start(): void {
    this.started = true
  }
  close(): void {
    this.closed = true
  }
  deliver(data: unknown): void {
    this.emit('message', { data })
  }
}

describe('wrapMainPort', () => {
  it('starts the port, posts messages and delivers well-formed answers to listeners', () => {
    const raw = new FakePort()
    const port = wrapMainPort(raw)
    expect(raw.started).toBe(true)
    port.post({ type: 'commit', transferId: 't1' })
    expect(raw.sent).toEqual([{ type: 'commit', transferId: 't1' }])
    const received: StorageToMain[] = []
    const stop = port.listen((m) => received.push(m))
    raw.deliver({ type: 'ack', transferId: 't1', seq: 0 })
    stop()
    raw.deliver({ type: 'ack', transferId: 't1', seq: 1 })
    expect(received).toEqual([{ type: 'ack', transferId: 't1', seq: 0 }])
  })

  it('drops what the storage worker should never send', () => {
    const raw = new FakePort()
    const port = wrapMainPort(raw)
    const received: unknown[] = []
    port.listen((m) => received.push(m))
    for (const data of [null, 'ack', { type: 'ack' }, { type: 'offer', transferId: 't' }]) {
      raw.deliver(data)
    }
    expect(received).toEqual([])
  })
})

describe('StoragePortLink', () => {
  function setup() {
    const channels: { port1: FakePort; port2: FakePort }[] = []
    let connected = 0
    const link = new StoragePortLink({
      createChannel: () => {
        const channel = { port1: new FakePort(), port2: new FakePort() }
        channels.push(channel)
        return channel
      },
      onConnected: () => {
        connected++
      },
    })
    const posted: { channel: string; message: unknown; transfer: MainPort[] }[] = []
    let destroyed = false
    const target = {
      postMessage: (channel: string, message: unknown, transfer: MainPort[]) =>
        posted.push({ channel, message, transfer }),
      isDestroyed: () => destroyed,
    }
    return {
      link,
      channels,
      posted,
      target,
      connected: () => connected,
      destroy: () => (destroyed = true),
    }
  }

  it('sends one end to the page, keeps the other, and replaces it on a reload', () => {
    const { link, channels, posted, target, connected } = setup()
    expect(link.current()).toBeNull()
    link.connect(target)
    expect(posted).toEqual([
      { channel: STORAGE_PORT_CHANNEL, message: null, transfer: [channels[0]!.port2] },
    ])
    expect(connected()).toBe(1)
    link.current()?.post({ type: 'commit', transferId: 'x' })
    expect(channels[0]!.port1.sent).toEqual([{ type: 'commit', transferId: 'x' }])

    link.connect(target)
    expect(channels[0]!.port1.closed).toBe(true)
    expect(posted[1]?.transfer).toEqual([channels[1]!.port2])
    link.current()?.post({ type: 'commit', transferId: 'y' })
    expect(channels[1]!.port1.sent).toEqual([{ type: 'commit', transferId: 'y' }])
    expect(connected()).toBe(2)
  })

  it('does nothing for a destroyed window, and closes on demand', () => {
    const { link, channels, target, destroy } = setup()
    link.connect(target)
    destroy()
    link.connect(target)
    expect(channels).toHaveLength(1)
    link.close()
    expect(channels[0]!.port1.closed).toBe(true)
    expect(link.current()).toBeNull()
  })
})
