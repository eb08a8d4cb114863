/**
 * What the access policy needs to know about each offer to place the resources around it
 * (ROR-FHIR-NOTES §4: champ d'activité and unité sensible, read by the model's `offerFactsOf`),
 * kept as one small number per offer. Learning a fact costs a full materialisation of the offer
 * (~18 µs): placing an Organization needs the facts of every offer below it, so a cold table
 * made the first delta at national scale materialise ~70,000 offers. The table can therefore be
 * saved and reloaded (`offer-facts-cache.ts`).
 */
import { offerFactsOf } from '../../core/ror/access-policy'
import type { HealthcareService, Resource } from '../../core/ror/fhir-types'

/** The saved form: `packed[k]` is the fact of the k-th offer of a given id list, -1 if unknown. */
export interface SavedOfferFacts {
  fields: Array<string | null>
  packed: number[]
}

export class OfferFactsTable {
  /** Offer id → (index of its champ d'activité in `fields`) * 2 + (1 if unité sensible). */
  private readonly packed = new Map<string, number>()
  private readonly fields: Array<string | undefined> = [undefined]

  get size(): number {
    return this.packed.size
  }

  has(id: string): boolean {
    return this.packed.has(id)
  }

  /** The packed fact of an offer, if known. */
  get(id: string): number | undefined {
    return this.packed.get(id)
  }

  field(packed: number): string | undefined {
    return this.fields[packed >> 1]
  }

  /** Learns (or re-learns) the facts of a materialised offer; returns the packed fact. */
  learn(id: string, resource: Resource): number {
    // Same reading of champ d'activité and unité sensible as the model (offerFactsOf).
    const facts = offerFactsOf(resource as HealthcareService)
    let index = this.fields.indexOf(facts.field)
    if (index < 0) index = this.fields.push(facts.field) - 1
    const packed = index * 2 + (facts.isSensitive ? 1 : 0)
    this.packed.set(id, packed)
    return packed
  }

  forget(id: string): void {
    this.packed.delete(id)
  }

  /** The facts of `ids`, in that order. */
  save(ids: readonly string[]): SavedOfferFacts {
    return {
      fields: this.fields.map((f) => f ?? null),
      packed: ids.map((id) => this.packed.get(id) ?? -1),
    }
  }

  /** Adds saved facts of `ids` (the list they were saved with); known facts are kept. */
  load(ids: readonly string[], saved: SavedOfferFacts): void {
    if (saved.packed.length !== ids.length) {
      throw new Error(`offer facts for ${saved.packed.length} offers, the store has ${ids.length}`)
    }
    // Saved field indexes → indexes in this table.
    const remap = saved.fields.map((f) => {
      const field = f ?? undefined
      const at = this.fields.indexOf(field)
      return at >= 0 ? at : this.fields.push(field) - 1
    })
    saved.packed.forEach((packed, k) => {
      const id = ids[k]!
      const field = remap[packed >> 1]
      if (packed < 0 || field === undefined || this.packed.has(id)) return
      this.packed.set(id, field * 2 + (packed & 1))
    })
  }
}
