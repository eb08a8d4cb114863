/**
 * Keeps the offer facts of the access policy (offer-facts.ts) on disk, so that the first delta
 * queries after a start do not materialise tens of thousands of offers to place organisations.
 * On start the file of this data set is loaded (~0.1 s at national scale); when there is none,
 * the warm-up (warm-up.ts) learns every offer in the background after the server listens (~7 s
 * of CPU at national scale, once per version of the generator and of the access policy) and
 * writes the file if the store was not mutated meanwhile. Facts only depend on the generated
 * data, the generator and core/ror: those make the file's name.
 */
import { readdirSync, rmSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { GeneratedStore } from '../generate/store-types'
import type { AccessView } from './access'
import { sourceFingerprint, storeDigest } from './export-cache'
import type { SavedOfferFacts } from './offer-facts'

/** Bump when the saved form changes. */
const FORMAT = 1
const PREFIX = `offer-facts-v${FORMAT}-`

/** Facts of the store's offers as saved in (or to be saved to) the cache folder. */
export interface OfferFactsFile {
  path: string
  /** The offers, in the order of the saved facts (the store's at the start). */
  ids: readonly string[]
  /** Offers whose facts came from the file. */
  loaded: number
}

function pruneOthers(dir: string, sources: string): void {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    if (name.startsWith('offer-facts-') && !name.startsWith(`${PREFIX}${sources}-`)) {
      rmSync(join(dir, name), { force: true })
    }
  }
}

async function readSaved(path: string): Promise<SavedOfferFacts | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SavedOfferFacts
  } catch {
    return undefined // missing or unreadable: learnt again
  }
}

/** Loads the saved facts of `store` into `access`. Call before the store is mutated. */
export async function loadOfferFacts(
  dir: string,
  store: GeneratedStore,
  access: AccessView,
): Promise<OfferFactsFile> {
  const sources = sourceFingerprint(['core/ror', 'tools/generate'])
  pruneOthers(dir, sources)
  const path = join(dir, `${PREFIX}${sources}-${storeDigest(store)}.json`)
  const ids = store.ids('HealthcareService')
  const saved = await readSaved(path)
  const before = access.offerFacts.size
  if (saved) {
    try {
      access.offerFacts.load(ids, saved)
    } catch {
      // A file of another shape: ignored, learnt again and rewritten.
    }
  }
  return { path, ids, loaded: access.offerFacts.size - before }
}

/**
 * Learns the facts of every offer not known yet, between requests, and saves them when they
 * are all known and the store was not mutated meanwhile. False when stopped first.
 */
export async function learnOfferFacts(
  file: OfferFactsFile,
  access: AccessView,
  stop: () => boolean,
): Promise<boolean> {
  if (!(await access.learnAllOffers(stop))) return false
  // Facts already complete in the file, or no longer those of the data it names.
  if (file.loaded === file.ids.length || access.mutated) return true
  await mkdir(dirname(file.path), { recursive: true })
  const tmp = `${file.path}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify(access.offerFacts.save(file.ids)))
  await rename(tmp, file.path)
  return true
}
