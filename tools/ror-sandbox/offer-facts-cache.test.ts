import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { offerFactsOf } from '../../core/ror/access-policy'
import type { HealthcareService } from '../../core/ror/fhir-types'
import { openStore } from '../generate/store'
import type { GeneratedStore } from '../generate/store-types'
import { AccessView } from './access'
import { learnOfferFacts, loadOfferFacts } from './offer-facts-cache'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'offer-facts-cache-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const factFiles = () => readdirSync(dir).filter((f) => f.startsWith('offer-facts-'))

/** Every offer's facts as the view gives them, against the model's own reading. */
function expectTrueFacts(store: GeneratedStore, view: AccessView): void {
  for (const id of store.ids('HealthcareService')) {
    const truth = offerFactsOf(store.get('HealthcareService', id) as HealthcareService)
    const facts = view.offer(id)
    expect({ field: facts?.field, isSensitive: facts?.isSensitive }, id).toEqual({
      field: truth.field,
      isSensitive: truth.isSensitive,
    })
  }
}

const never = () => false

/** Loads the file, then learns and saves what it lacked (what the warm-up does). */
async function warm(store: GeneratedStore, view: AccessView, mutate?: () => void) {
  const file = await loadOfferFacts(dir, store, view)
  mutate?.()
  await learnOfferFacts(file, view, never)
  return file
}

describe('offer facts cache', () => {
  it('learns every offer, saves the facts, and a later start loads the same facts', async () => {
    const store = await openStore({ scale: { eg: 60 }, seed: 9 })
    writeFileSync(join(dir, 'offer-facts-v0-old-code.json'), '{}')
    const first = new AccessView(store)
    expect((await warm(store, first)).loaded).toBe(0)
    expect(first.offerFacts.size).toBe(store.count('HealthcareService'))
    // The file of other code is gone, this one is written.
    expect(factFiles()).toHaveLength(1)

    const second = new AccessView(store)
    expect((await warm(store, second)).loaded).toBe(store.count('HealthcareService'))
    expect(store.ids('HealthcareService').filter((id) => second.offerFacts.has(id))).toHaveLength(
      store.count('HealthcareService'),
    )
    expectTrueFacts(store, second)
    const sensitive = store.ids('HealthcareService').filter((id) => second.offer(id)?.isSensitive)
    expect(sensitive.length).toBeGreaterThan(0)
  })

  it('saves nothing when the store is mutated during the warm-up, and ignores a bad file', async () => {
    const store = await openStore({ scale: { eg: 40 }, seed: 9 })
    const view = new AccessView(store)
    await warm(store, view, () =>
      view.invalidate(store.mutate(20, new Date('2030-01-01T00:00:00Z'))),
    )
    expect(factFiles()).toHaveLength(0)
    expectTrueFacts(store, view)

    const other = await openStore({ scale: { eg: 40 }, seed: 9 })
    const first = new AccessView(other)
    await warm(other, first)
    const [file] = factFiles()
    const saved = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as { packed: number[] }
    writeFileSync(join(dir, file!), JSON.stringify({ ...saved, packed: saved.packed.slice(1) }))
    const fresh = new AccessView(other)
    expect((await warm(other, fresh)).loaded).toBe(0)
    expectTrueFacts(other, fresh)
    const rewritten = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as { packed: number[] }
    expect(rewritten.packed).toHaveLength(other.count('HealthcareService'))
  })
})
