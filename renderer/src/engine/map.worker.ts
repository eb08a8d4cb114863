/// <reference lib="webworker" />
/**
 * The map worker of a browser-mode sync (sync-processor.ts): parses and maps the units of
 * work the sync worker downloads. Started by the sync worker, ended once every unit is mapped.
 */
import { answer, type MapRequest } from './map-worker-protocol'
import { blockDeflate } from './sync-processor'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<MapRequest>) => {
  void answer(event.data, blockDeflate).then(({ reply, transfer }) =>
    scope.postMessage(reply, transfer),
  )
}
