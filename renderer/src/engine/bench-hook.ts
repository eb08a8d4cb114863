import { engineClient } from './client'
import type { EngineArgs, EngineEvent, EngineRequestType } from './protocol'

/**
 * Benchmark hook (tools/bench/search-browser.ts, tools/bench/sync-browser.ts): with `#bench` in
 * the URL, exposes the same engine requests the UI makes, so the benchmark times them round
 * trip (UI thread → worker → UI thread), and the engine's events (sync phases and progress),
 * so it can time each phase as the UI sees it. Grants nothing the page could not already do.
 */
export function installBenchHook(target: Window): void {
  if (target.location.hash !== '#bench') return
  Object.assign(target, {
    __rorBench: {
      send: <K extends EngineRequestType>(type: K, args: EngineArgs<K>) =>
        engineClient().send(type, args),
      onEvent: (listener: (event: EngineEvent) => void) => engineClient().onEvent(listener),
    },
  })
}
