/** The map's clustering worker: a {@link ClusterIndex} answering the map's messages. */
import { ClusterIndex } from './cluster-index'
import type { ClusterReply, ClusterRequest } from './cluster-protocol'

interface Scope {
  onmessage: ((event: { data: ClusterRequest }) => void) | null
  postMessage(message: ClusterReply, transfer?: ArrayBuffer[]): void
}
const scope = self as unknown as Scope
const index = new ClusterIndex()

scope.onmessage = ({ data }) => {
  const reply = index.handle(data)
  if (reply) scope.postMessage(reply, reply.type === 'clusters' ? [reply.items.buffer] : [])
}
