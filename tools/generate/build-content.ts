/**
 * Fills one establishment (EG) with what its category runs: hospital units (OI pôle → OI UF
 * → offers), plain offers, or liberal professionals (offers + PractitionerRoles +
 * Practitioners), and the places (Location) the offers are delivered at.
 */
import type { CategoryProfile, TemplatePick } from './catalog-types'
import { POLE_LABELS, serviceAt, serviceIndexOf, templateAt, templateIndexOf } from './catalog'
import { drawStamps } from './clock'
import type { BuildState } from './build'
import { SHARED_OFFER_TEMPLATES, VILLE_TEMPLATES, VILLE_WEIGHTS } from './offers-ville'
import { WeightedSampler } from './prng'
import { ORG_KIND } from './tables'

const villeIndices = VILLE_TEMPLATES.map((t) => templateIndexOf(t.key))
const villeSampler = new WeightedSampler(VILLE_TEMPLATES.map((t) => VILLE_WEIGHTS[t.key] ?? 0))

/** Share of offers closed when generated: temporarily (with reopening) or definitively. */
const CLOSED_SHARE = 0.012

/** Per-establishment cursor: offers numbered per template, places created on demand. */
class EgContext {
  private readonly nth = new Map<number, number>()
  site = -1

  constructor(
    readonly state: BuildState,
    readonly eg: number,
  ) {}

  addOffer(org: number, tpl: number): number {
    const { rng, ds } = this.state
    const n = (this.nth.get(tpl) ?? 0) + 1
    this.nth.set(tpl, n)
    const stamps = drawStamps(rng)
    let closedAt = 0
    let closure = 0
    if (rng.chance(CLOSED_SHARE)) {
      closure = rng.chance(0.7) ? 1 : 2
      closedAt = Math.floor(stamps.updated / 1000) - rng.int(0, 180) * 86400
      closedAt = Math.max(closedAt, stamps.created)
    }
    return ds.hs.push({
      org,
      eg: this.eg,
      tpl,
      nth: n,
      loc0: -1,
      loc1: -1,
      closedAt,
      closure,
      ...stamps,
    })
  }

  addPlace(tpl: number): number {
    const { rng, ds } = this.state
    const closure = rng.chance(0.005) ? (rng.chance(0.6) ? 1 : 2) : 0
    const stamps = drawStamps(rng)
    const closedAt = closure
      ? stamps.created + Math.floor((stamps.updated / 1000 - stamps.created) / 2)
      : 0
    return ds.loc.push({ eg: this.eg, tpl, closure, closedAt, ...stamps })
  }

  sitePlace(tpl: number): number {
    if (this.site < 0) this.site = this.addPlace(tpl)
    return this.site
  }

  setPlaces(hs: number, loc0: number, loc1 = -1): void {
    this.state.ds.hs.set('loc0', hs, loc0)
    this.state.ds.hs.set('loc1', hs, loc1)
  }
}

function count(ctx: EgContext, pick: TemplatePick): number {
  const { rng } = ctx.state
  if (!rng.chance(pick.p)) return 0
  return pick.n ? rng.int(pick.n[0], pick.n[1]) : 1
}

/** Offers run by the establishment itself, sharing its site (sometimes with an annex). */
function fillOffers(ctx: EgContext, picks: readonly TemplatePick[]): void {
  const { rng } = ctx.state
  const addOne = (key: string): void => {
    const tpl = templateIndexOf(key)
    const hs = ctx.addOffer(ctx.eg, tpl)
    // Units with their own capacity (EHPAD wings, MAS units…) often have their own place.
    const r = rng.next()
    if (r < 0.55) ctx.setPlaces(hs, ctx.addPlace(tpl))
    else if (r < 0.86) ctx.setPlaces(hs, ctx.sitePlace(tpl))
    else if (r < 0.92) ctx.setPlaces(hs, -1)
    else ctx.setPlaces(hs, ctx.sitePlace(tpl), ctx.addPlace(tpl))
  }
  let made = 0
  for (const pick of picks) {
    const n = count(ctx, pick)
    for (let k = 0; k < n; k += 1) addOne(pick.key)
    made += n
  }
  // Every establishment runs at least its main offer.
  if (made === 0 && picks[0]) addOne(picks[0].key)
}

/** Hospital: pôles and units (OI) with their offers, most units on their own place. */
function fillServices(ctx: EgContext, picks: readonly TemplatePick[]): void {
  const { rng } = ctx.state
  const poles = new Map<string, number>()
  let ordinal = 0
  let made = 0
  picks.forEach((pick, i) => {
    const forced = made === 0 && i === picks.length - 1
    if (!forced && !rng.chance(pick.p)) return
    const serviceIndex = serviceIndexOf(pick.key)
    const service = serviceAt(serviceIndex)
    let pole = poles.get(service.pole)
    if (pole === undefined) {
      pole = ctx.state.addOrg({
        kind: ORG_KIND.oi,
        parent: ctx.eg,
        cat: POLE_LABELS.indexOf(service.pole),
        sub: 0,
        aux: (ordinal += 1),
      })
      poles.set(service.pole, pole)
    }
    const unit = ctx.state.addOrg({
      kind: ORG_KIND.oi,
      parent: pole,
      cat: serviceIndex,
      sub: 1,
      aux: (ordinal += 1),
    })
    let last = -1
    for (const offer of service.offers) {
      const n = count(ctx, offer) || (offer === service.offers[0] ? 1 : 0)
      for (let k = 0; k < n; k += 1) {
        const tpl = templateIndexOf(offer.key)
        const hs = ctx.addOffer(unit, tpl)
        made += 1
        const r = rng.next()
        if (r < 0.7 || (r < 0.84 && last < 0)) ctx.setPlaces(hs, (last = ctx.addPlace(tpl)))
        else if (r < 0.84) ctx.setPlaces(hs, last)
        else if (r < 0.91) ctx.setPlaces(hs, -1)
        else ctx.setPlaces(hs, (last = ctx.addPlace(tpl)), ctx.sitePlace(tpl))
      }
    }
  })
}

/** Offers a liberal professional (or a group sharing its offers) runs: 1 to 3 activities. */
function drawOfferCount(ctx: EgContext): number {
  const r = ctx.state.rng.next()
  return r < 0.25 ? 1 : r < 0.65 ? 2 : 3
}

/** A place for a professional's offers: own room mostly, the shared site or none sometimes. */
function villePlace(ctx: EgContext, tpl: number): number {
  const r = ctx.state.rng.next()
  return r < 0.85 ? ctx.addPlace(tpl) : r < 0.95 ? ctx.sitePlace(tpl) : -1
}

/**
 * Liberal professionals. Each runs 1–3 offers, one PractitionerRole per (professional,
 * offer) since PractitionerRole.healthcareService is 1..1; nurses and physiotherapists of a
 * group practice (and professions of an MSP) share their offers.
 */
function fillVille(ctx: EgContext, profile: CategoryProfile): void {
  const { rng, ds } = ctx.state
  const ville = profile.ville
  if (!ville) return
  const n = rng.int(ville.professionals[0], ville.professionals[1])
  const first = villeIndices[villeSampler.draw(rng)] as number
  const sameProfession = ville.mix === 'group' && rng.chance(0.75)
  const byTemplate = new Map<number, number>()
  for (let k = 0; k < n; k += 1) {
    const tpl = k === 0 || sameProfession ? first : (villeIndices[villeSampler.draw(rng)] as number)
    byTemplate.set(tpl, (byTemplate.get(tpl) ?? 0) + 1)
  }
  for (const [tpl, people] of byTemplate) {
    const isShared =
      people > 1 && (ville.mix === 'multi' || SHARED_OFFER_TEMPLATES.has(templateAt(tpl).key))
    const teams = isShared ? [people] : Array.from({ length: people }, () => 1)
    for (const size of teams) {
      const pracs = Array.from({ length: size }, () => ctx.state.practitioner(tpl, ctx.eg))
      const loc = villePlace(ctx, tpl)
      for (let o = drawOfferCount(ctx); o > 0; o -= 1) {
        const hs = ctx.addOffer(ctx.eg, tpl)
        // Some activities take place elsewhere (another room, a second practice).
        const place = o > 1 && rng.chance(0.3) ? ctx.addPlace(tpl) : loc
        ctx.setPlaces(hs, place)
        for (const prac of pracs)
          ds.pr.push({ hs, prac, eg: ctx.eg, loc: place, tpl, ...drawStamps(rng) })
      }
    }
  }
}

export function fillEstablishment(state: BuildState, eg: number, profile: CategoryProfile): void {
  const ctx = new EgContext(state, eg)
  if (profile.services) fillServices(ctx, profile.services)
  else if (profile.offers) fillOffers(ctx, profile.offers)
  else fillVille(ctx, profile)
}
