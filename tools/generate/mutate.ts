/**
 * Evolution of the dataset over time, as the real ROR evolves: new offers, modifications,
 * closures (notAvailable / Location status) — all stamped with meta.lastUpdated = now — and
 * deletions, which, as in the real ROR, leave no trace a delta query could see. Deterministic
 * given the store state and the mutation counter.
 */
import type { MutationSummary } from './store-types'
import { categoryAt, templateAt, templateIndexOf } from './catalog'
import type { AnyTable, EntityType, Model } from './model'
import { idOf } from './model'
import { Rng, seedFor } from './prng'
import type { ReverseIndex } from './reverse-index'

export interface MutationHost {
  readonly model: Model
  /** Offer → practitioner roles, place → offers, practitioner → roles (rebuilt when stale). */
  rolesOfOffers(): ReverseIndex
  offersOfPlaces(): ReverseIndex
  rolesOfPractitioners(): ReverseIndex
  /** Drops the caches derived from the tables (ids, counts), not the reverse indexes. */
  invalidate(): void
}

type Kind = 'created' | 'modified' | 'closed' | 'deleted'
const KINDS: Kind[] = ['created', 'modified', 'closed', 'deleted']
const KIND_WEIGHTS = [0.25, 0.45, 0.15, 0.15]

/** A random live row (optionally matching `accept`), or -1. */
function pickLive(rng: Rng, table: AnyTable, accept: (i: number) => boolean = () => true): number {
  const n = table.length
  if (n === 0) return -1
  for (let tries = 0; tries < 64; tries += 1) {
    const i = rng.int(0, n - 1)
    if (table.get('deleted', i) === 0 && accept(i)) return i
  }
  const start = rng.int(0, n - 1)
  for (let k = 0; k < n; k += 1) {
    const i = (start + k) % n
    if (table.get('deleted', i) === 0 && accept(i)) return i
  }
  return -1
}

class Batch {
  readonly changed = new Set<string>()
  readonly deleted = new Set<string>()
  readonly counts: Record<Kind, number> = { created: 0, modified: 0, closed: 0, deleted: 0 }

  constructor(
    readonly host: MutationHost,
    readonly rng: Rng,
    readonly nowMs: number,
  ) {}

  get m(): Model {
    return this.host.model
  }

  get nowSeconds(): number {
    return Math.floor(this.nowMs / 1000)
  }

  touch(type: EntityType, i: number): void {
    const t = this.m.table(type)
    t.set('updated', i, this.nowMs)
    t.set('version', i, t.get('version', i) + 1)
    this.changed.add(`${type}/${idOf(type, i)}`)
  }

  stamps(): { created: number; updated: number } {
    return { created: this.nowSeconds, updated: this.nowMs }
  }

  /** A new offer next to an existing one: same establishment, a template it plausibly runs. */
  create(): boolean {
    const { ds } = this.m
    const sibling = pickLive(this.rng, ds.hs)
    if (sibling < 0) return false
    // Reverse indexes are built (if needed) on the state before the new rows, then extended.
    const [roles, users, pracRoles] = [
      this.host.rolesOfOffers(),
      this.host.offersOfPlaces(),
      this.host.rolesOfPractitioners(),
    ]
    const eg = ds.hs.get('eg', sibling)
    const profile = categoryAt(ds.org.get('cat', eg))
    let tpl = ds.hs.get('tpl', sibling)
    if (profile.offers && this.rng.chance(0.5))
      tpl = templateIndexOf(this.rng.pick(profile.offers).key)
    let loc = ds.hs.get('loc0', sibling)
    if (loc < 0 || ds.loc.get('deleted', loc) === 1 || this.rng.chance(0.3)) {
      loc = ds.loc.push({ eg, tpl, ...this.stamps() })
      this.changed.add(`Location/${idOf('Location', loc)}`)
    }
    const org = ds.hs.get('org', sibling)
    const nth = ds.hs.get('nth', sibling) + 1
    const hs = ds.hs.push({ org, eg, tpl, nth, loc0: loc, loc1: -1, ...this.stamps() })
    users.add(loc, hs)
    this.changed.add(`HealthcareService/${idOf('HealthcareService', hs)}`)
    if (templateAt(tpl).profession) {
      const prac = ds.prac.push({ eg, tpl, ...this.stamps() })
      const pr = ds.pr.push({ hs, prac, eg, loc, tpl, ...this.stamps() })
      roles.add(hs, pr)
      pracRoles.add(prac, pr)
      this.changed.add(`Practitioner/${idOf('Practitioner', prac)}`)
      this.changed.add(`PractitionerRole/${idOf('PractitionerRole', pr)}`)
    }
    this.host.invalidate()
    return true
  }

  modify(): boolean {
    const { ds } = this.m
    const r = this.rng.next()
    const [type, table]: [EntityType, AnyTable] =
      r < 0.55
        ? ['HealthcareService', ds.hs]
        : r < 0.75
          ? ['Location', ds.loc]
          : r < 0.9
            ? ['Organization', ds.org]
            : r < 0.95
              ? ['PractitionerRole', ds.pr]
              : ['Practitioner', ds.prac]
    const i = pickLive(this.rng, table)
    if (i < 0) return false
    this.touch(type, i)
    return true
  }

  /** Closure: an offer gets a closing (and maybe reopening) date, or a place is suspended. */
  close(): boolean {
    const { ds } = this.m
    const isPlace = this.rng.chance(0.2)
    const table = isPlace ? ds.loc : ds.hs
    const i = pickLive(this.rng, table, (k) => table.get('closedAt', k) === 0)
    if (i < 0) return false
    table.set('closedAt', i, this.nowSeconds)
    table.set('closure', i, this.rng.chance(0.7) ? 1 : 2)
    this.touch(isPlace ? 'Location' : 'HealthcareService', i)
    return true
  }

  private remove(type: EntityType, i: number): void {
    this.m.table(type).set('deleted', i, 1)
    const key = `${type}/${idOf(type, i)}`
    this.changed.delete(key)
    this.deleted.add(key)
  }

  /** Deletes an offer with its roles, the practitioners left without a role, orphan places. */
  delete(): boolean {
    const { ds } = this.m
    const hs = pickLive(this.rng, ds.hs)
    if (hs < 0) return false
    const roles = [...this.host.rolesOfOffers().sourcesOf(hs)].filter(
      (pr) => ds.pr.get('deleted', pr) === 0,
    )
    const places = [ds.hs.get('loc0', hs), ds.hs.get('loc1', hs)].filter(
      (l) => l >= 0 && ds.loc.get('deleted', l) === 0,
    )
    const pracIndex = this.host.rolesOfPractitioners()
    const placeIndex = this.host.offersOfPlaces()
    this.remove('HealthcareService', hs)
    for (const pr of roles) {
      this.remove('PractitionerRole', pr)
      const prac = ds.pr.get('prac', pr)
      const others = [...pracIndex.sourcesOf(prac)].some((o) => ds.pr.get('deleted', o) === 0)
      if (!others && ds.prac.get('deleted', prac) === 0) this.remove('Practitioner', prac)
    }
    for (const loc of places) {
      // A role's place is its offer's place, so a place no live offer uses is an orphan.
      const users = [...placeIndex.sourcesOf(loc)].some((o) => ds.hs.get('deleted', o) === 0)
      if (!users) this.remove('Location', loc)
    }
    this.host.invalidate()
    return true
  }
}

/** Applies `changes` evolutions at `now`; `counter` is the number of previous mutate calls. */
export function applyMutations(
  host: MutationHost,
  changes: number,
  now: Date,
  counter: number,
): MutationSummary {
  const rng = new Rng(seedFor(host.model.seed, 0x6d75, counter))
  const batch = new Batch(host, rng, now.getTime())
  for (let k = 0; k < changes; k += 1) {
    const kind = KINDS[rng.weightedIndex(KIND_WEIGHTS)] ?? 'modified'
    const done =
      kind === 'created'
        ? batch.create()
        : kind === 'closed'
          ? batch.close()
          : kind === 'deleted'
            ? batch.delete()
            : batch.modify()
    if (done) batch.counts[kind] += 1
  }
  host.invalidate()
  return {
    ...batch.counts,
    at: now.toISOString(),
    changedKeys: [...batch.changed],
    deletedKeys: [...batch.deleted],
  }
}
