/**
 * Helpers shared by the generator's tests: small stores on the built-in gazetteer sample and
 * generic walks over materialised resources.
 */
import type { Resource } from 'fhir/r4'
import { sampleCommunes } from './geo'
import { openStore } from './store'
import type { GeneratedStore, RorResourceType } from './store-types'
import { ROR_RESOURCE_TYPES } from './store-types'

export function smallStore(seed: number, eg: number): Promise<GeneratedStore> {
  return openStore({ scale: { eg }, seed, communes: sampleCommunes() })
}

/** Every live resource of the store, by type then creation order. */
export function* allResources(store: GeneratedStore): Generator<[RorResourceType, Resource]> {
  for (const type of ROR_RESOURCE_TYPES) {
    for (const id of store.ids(type)) {
      const r = store.get(type, id)
      if (r) yield [type, r]
    }
  }
}

/** Every `reference` string found anywhere inside a resource. */
export function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, out)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v)
      else referencesIn(v, out)
    }
  }
  return out
}

type Ext = { url: string; extension?: Ext[]; [k: string]: unknown }

/** Extensions with `url` (any depth below `holder.extension`, first level only by default). */
export function extensionsOf(holder: unknown, url: string): Ext[] {
  const list = (holder as { extension?: Ext[] }).extension ?? []
  return list.filter((e) => e.url === url)
}

export interface AgeBound {
  value: number
  unit?: string
}

/** The ageRange of an offer (ror-healthcareservice-patient-type), as served. */
export function ageRangeOf(hs: unknown): { low: AgeBound; high: AgeBound } {
  const pt = extensionsOf(
    hs,
    'https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-healthcareservice-patient-type',
  )[0]
  const range = pt?.extension?.find((e) => e.url === 'ageRange')?.valueRange as
    { low: { value: number; code?: string }; high: { value: number; code?: string } } | undefined
  if (!range) throw new Error('offer without ageRange')
  return {
    low: { value: range.low.value, unit: range.low.code },
    high: { value: range.high.value, unit: range.high.code },
  }
}

const UNIT_DAYS: Record<string, number> = { a: 365.25, mo: 30.4375, wk: 7, d: 1 }

/** An age bound in days (no unit = years, notes §3.5). */
export function inDays(bound: AgeBound): number {
  return bound.value * (UNIT_DAYS[bound.unit ?? 'a'] ?? Number.NaN)
}
