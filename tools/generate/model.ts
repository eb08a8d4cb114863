/**
 * Read model over the compact tables: resource ids, parent walks, regions, per-entity seeds
 * and the lazily built lookups the materialisers need (first practitioner of a cabinet,
 * communes of a département).
 */
import type { CommuneTable } from './geo'
import { Rng, seedFor } from './prng'
import type { Dataset } from './tables'
import { ORG_KIND } from './tables'

/** Resource ids are numeric strings; each type has its own range so ids never collide. */
export const ID_BASE = {
  Organization: 10_000_000,
  Location: 20_000_000,
  HealthcareService: 30_000_000,
  PractitionerRole: 40_000_000,
  Practitioner: 50_000_000,
} as const

export type EntityType = keyof typeof ID_BASE

/** Seed tags per table, mixed into per-entity seeds. */
export const TAG: Record<EntityType, number> = {
  Organization: 11,
  Location: 12,
  HealthcareService: 13,
  PractitionerRole: 14,
  Practitioner: 15,
}

export const idOf = (type: EntityType, index: number): string => String(ID_BASE[type] + index)
export const ref = (type: EntityType, index: number): { reference: string } => ({
  reference: `${type}/${idOf(type, index)}`,
})

/** Column access common to every table (method syntax: any Table<S> fits). */
export interface AnyTable {
  length: number
  get(col: string, i: number): number
  set(col: string, i: number, value: number): void
}

export class Model {
  private firstPrac: Int32Array | undefined
  private depCommunes: Map<string, number[]> | undefined

  constructor(
    readonly seed: number,
    readonly ds: Dataset,
    readonly communes: CommuneTable,
  ) {}

  /** Index of the entity named by `id`, or -1 when malformed or out of range. */
  indexOf(type: EntityType, id: string): number {
    if (!/^\d{8}$/.test(id)) return -1
    const i = Number(id) - ID_BASE[type]
    return i >= 0 && i < this.table(type).length ? i : -1
  }

  /** The table of a resource type, with untyped column access. */
  table(type: EntityType): AnyTable {
    switch (type) {
      case 'Organization':
        return this.ds.org
      case 'Location':
        return this.ds.loc
      case 'HealthcareService':
        return this.ds.hs
      case 'PractitionerRole':
        return this.ds.pr
      case 'Practitioner':
        return this.ds.prac
    }
  }

  /** RNG for the stable features of an entity (name, address, codes chosen). */
  base(type: EntityType, i: number, salt = 0): Rng {
    return new Rng(seedFor(this.seed, TAG[type], i, salt))
  }

  /** RNG for the features that change when the entity is modified (contacts, hours…). */
  versioned(type: EntityType, i: number): Rng {
    return new Rng(seedFor(this.seed, TAG[type], i, 0x7fff, this.table(type).get('version', i)))
  }

  /** The establishment (EG) an organisation belongs to (itself for an EG, -1 for an EJ). */
  egOf(org: number): number {
    let o = org
    for (let guard = 0; guard < 8 && o >= 0; guard += 1) {
      const kind = this.ds.org.get('kind', o)
      if (kind === ORG_KIND.eg) return o
      if (kind === ORG_KIND.ej) return -1
      o = this.ds.org.get('parent', o)
    }
    return -1
  }

  /** Commune of an organisation (an OI uses its establishment's). */
  orgCommune(org: number): number {
    const kind = this.ds.org.get('kind', org)
    return this.ds.org.get('commune', kind === ORG_KIND.oi ? this.egOf(org) : org)
  }

  regionOfCommune(commune: number): string {
    return this.communes.region[commune] ?? '11'
  }

  orgRegion(org: number): string {
    return this.regionOfCommune(this.orgCommune(org))
  }

  /** Region tag of any entity: the region of its establishment. */
  region(type: EntityType, i: number): string {
    switch (type) {
      case 'Organization':
        return this.orgRegion(i)
      case 'Location':
        return this.orgRegion(this.ds.loc.get('eg', i))
      case 'HealthcareService':
        return this.orgRegion(this.ds.hs.get('eg', i))
      case 'PractitionerRole':
        return this.orgRegion(this.ds.pr.get('eg', i))
      case 'Practitioner':
        return this.orgRegion(this.ds.prac.get('eg', i))
    }
  }

  /** First practitioner of an establishment's roles (names liberal cabinets), or -1. */
  firstPractitionerOf(eg: number): number {
    if (!this.firstPrac || this.firstPrac.length < this.ds.org.length) {
      const first = new Int32Array(this.ds.org.length).fill(-1)
      for (let p = 0; p < this.ds.pr.length; p += 1) {
        const e = this.ds.pr.get('eg', p)
        if (first[e] === -1) first[e] = this.ds.pr.get('prac', p)
      }
      this.firstPrac = first
    }
    return this.firstPrac[eg] ?? -1
  }

  /** Communes of a département (for intervention zones). */
  communesOfDepartement(dep: string): readonly number[] {
    if (!this.depCommunes) {
      const map = new Map<string, number[]>()
      this.communes.departement.forEach((d, c) => {
        const list = map.get(d)
        if (list) list.push(c)
        else map.set(d, [c])
      })
      this.depCommunes = map
    }
    return this.depCommunes.get(dep) ?? []
  }

  /** Drops lookups that depend on the tables' content (after a mutation). */
  invalidate(): void {
    this.firstPrac = undefined
  }
}
