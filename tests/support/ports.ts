/**
 * A Node `worker_threads` MessagePort as the TransferPort of core/ipc/snapshot-transfer.ts:
 * tests run main's sender and the storage worker's receiver over a real MessageChannel.
 */
import type { MessagePort } from 'node:worker_threads'
import type { TransferPort } from '../../core/ipc/snapshot-transfer'

export function nodePortTransfer<Out, In>(port: MessagePort): TransferPort<Out, In> {
  return {
    post: (message) => port.postMessage(message),
    listen: (listener) => {
      const handler = (data: unknown) => listener(data as In)
      port.on('message', handler)
      return () => port.off('message', handler)
    },
  }
}
