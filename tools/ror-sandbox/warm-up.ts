/**
 * What the sandbox prepares after it starts listening, between requests, so that the first
 * delta queries (ROR-FHIR-NOTES §5.5) do not pay for it: the `_lastUpdated` index (~0.2 s at
 * national scale), the organisation and practitioner links of the access policy (~0.9 s), and,
 * with a facts cache folder, the offer facts missing from its file (~7 s, once per data set and
 * code version). A real ROR has its database indexes ready the same way.
 */
import type { GeneratedStore } from '../generate/store-types'
import type { AccessView } from './access'
import { learnOfferFacts, loadOfferFacts } from './offer-facts-cache'
import type { UpdatedIndex } from './updated-index'

export interface WarmUp {
  /** Offers whose facts came from the cache file (0 without one). */
  factsLoaded: number
  /** Settles when everything is ready (and the facts file written), or when stopped. */
  done: Promise<void>
  stop(): Promise<void>
}

export interface WarmUpDeps {
  store: GeneratedStore
  access: AccessView
  /** Index to build (with the access policy's links); none: they are built when first needed. */
  updated?: UpdatedIndex
  /** Folder of the offer facts file; without it facts are learnt as queries need them. */
  factsDir?: string
}

/** Loads the offer facts file (before listening), then starts the background preparation. */
export async function startWarmUp(deps: WarmUpDeps): Promise<WarmUp> {
  const file = deps.factsDir
    ? await loadOfferFacts(deps.factsDir, deps.store, deps.access)
    : undefined
  let stopped = false
  const stop = (): boolean => stopped
  const done = (async () => {
    if (deps.updated) {
      await deps.updated.warm(stop)
      await deps.access.warmLinks(stop)
    }
    if (file && !stopped) await learnOfferFacts(file, deps.access, stop)
  })()
  return {
    factsLoaded: file?.loaded ?? 0,
    done,
    stop: async () => {
      stopped = true
      await done.catch(() => undefined)
    },
  }
}
