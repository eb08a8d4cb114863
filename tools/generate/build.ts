/**
 * Generation of the compact entity tables: legal entities (EJ) with one or several
 * establishments (EG) of the same family, each filled with the offers its category runs
 * (build-content.ts). Deterministic: one sequential PRNG seeded from the global seed.
 */
import type { CategoryProfile, EjKind } from './catalog-types'
import { CATEGORIES } from './catalog'
import { drawStamps } from './clock'
import { fillEstablishment } from './build-content'
import type { CommuneTable } from './geo'
import { CommuneSampler, communeIndices } from './geo'
import { drawLegalStatus, EJ_KINDS } from './legal'
import { Rng, seedFor, WeightedSampler } from './prng'
import type { Dataset } from './tables'
import {
  HS_SCHEMA,
  LOC_SCHEMA,
  ORG_KIND,
  ORG_SCHEMA,
  PR_SCHEMA,
  PRAC_SCHEMA,
  Table,
} from './tables'

export interface BuildOptions {
  seed: number
  egCount: number
  /** Restrict the communes to one region (TRE_R30 code). */
  region?: string
  communes: CommuneTable
  onProgress?: (phase: string, done: number, total: number) => void
}

/** Shared state of one generation run. */
export class BuildState {
  readonly rng: Rng
  readonly ds: Dataset
  private readonly finessCounters = new Map<string, number>()
  private readonly samplers = new Map<string, CommuneSampler>()
  private readonly scope: Int32Array
  /** Recently created practitioners per ville template (multi-site practice). */
  private readonly recent = new Map<number, number[]>()

  constructor(readonly options: BuildOptions) {
    this.rng = new Rng(seedFor(options.seed, 0x6e6e))
    const eg = options.egCount
    this.ds = {
      org: new Table(ORG_SCHEMA, eg * 2),
      hs: new Table(HS_SCHEMA, eg * 5),
      loc: new Table(LOC_SCHEMA, eg * 4),
      pr: new Table(PR_SCHEMA, eg),
      prac: new Table(PRAC_SCHEMA, eg),
    }
    this.scope = communeIndices(options.communes, options.region)
    if (this.scope.length === 0) {
      throw new Error(`aucune commune pour la région ${options.region ?? '(toutes)'}`)
    }
  }

  get communes(): CommuneTable {
    return this.options.communes
  }

  /** A commune drawn by population^alpha, optionally within one département. */
  drawCommune(alpha: number, minPopulation: number, departement?: string): number {
    const key = `${alpha}|${minPopulation}|${departement ?? ''}`
    let sampler = this.samplers.get(key)
    if (!sampler) {
      const indices =
        departement === undefined
          ? this.scope
          : this.scope.filter((c) => this.communes.departement[c] === departement)
      sampler = new CommuneSampler(this.communes, indices, alpha, minPopulation)
      this.samplers.set(key, sampler)
    }
    return sampler.draw(this.rng)
  }

  /** Next FINESS serial of a département (unique within it). */
  nextFinessSerial(departement: string): number {
    const n = this.finessCounters.get(departement) ?? 0
    this.finessCounters.set(departement, n + 1)
    return n
  }

  /** A practitioner for a new role: usually a new person, sometimes one practising elsewhere too. */
  practitioner(tpl: number, eg: number): number {
    const pool = this.recent.get(tpl)
    if (pool && pool.length > 0 && this.rng.chance(0.08)) return this.rng.pick(pool)
    const prac = this.ds.prac.push({ eg, tpl, ...drawStamps(this.rng) })
    const list = pool ?? []
    list.push(prac)
    if (list.length > 20) list.shift()
    this.recent.set(tpl, list)
    return prac
  }

  addOrg(values: Partial<Record<keyof typeof ORG_SCHEMA, number>>): number {
    const stamps = drawStamps(this.rng)
    return this.ds.org.push({ ...stamps, serial: -1, parent: -1, ...values })
  }
}

const categorySampler = new WeightedSampler(CATEGORIES.map((c) => c.weight))

/** Per family: category indices and their sampler (siblings of one legal entity). */
const families = new Map<string, { indices: number[]; sampler: WeightedSampler }>()
CATEGORIES.forEach((c, i) => {
  const f = families.get(c.family)
  if (f) f.indices.push(i)
  else families.set(c.family, { indices: [i], sampler: new WeightedSampler([]) })
})
for (const f of families.values()) {
  f.sampler = new WeightedSampler(f.indices.map((i) => CATEGORIES[i]?.weight ?? 0))
}

function drawSibling(state: BuildState, first: number): number {
  const family = families.get(CATEGORIES[first]?.family ?? '')
  if (!family) return first
  return family.indices[family.sampler.draw(state.rng)] ?? first
}

function drawEjKind(state: BuildState, profile: CategoryProfile): EjKind {
  const i = state.rng.weightedIndex(profile.ej.map((e) => e[1]))
  return profile.ej[i]?.[0] ?? 'nonProfit'
}

/** One legal entity and its establishments; returns the number of EG created. */
function buildLegalEntity(state: BuildState, remaining: number): number {
  const { rng, communes } = state
  const firstCat = categorySampler.draw(rng)
  const profile = CATEGORIES[firstCat] as CategoryProfile
  const size = Math.min(
    remaining,
    rng.chance(profile.groupP) ? rng.int(profile.groupSize[0], profile.groupSize[1]) : 1,
  )
  const kind = drawEjKind(state, profile)
  const commune = state.drawCommune(profile.alpha, profile.minPopulation ?? 0)
  const dep = communes.departement[commune] ?? '75'
  const ej = state.addOrg({
    kind: ORG_KIND.ej,
    cat: EJ_KINDS.indexOf(kind),
    sub: drawLegalStatus(rng, kind, profile.category),
    commune,
    serial: kind === 'liberal' ? -1 : state.nextFinessSerial(dep),
  })
  for (let k = 0; k < size; k += 1) {
    const cat = k === 0 ? firstCat : drawSibling(state, firstCat)
    const p = CATEGORIES[cat] as CategoryProfile
    // Chains spread over the territory; other groups stay within the département.
    const where = kind === 'commercial' ? undefined : dep
    const egCommune = k === 0 ? commune : state.drawCommune(p.alpha, 0, where)
    const egDep = communes.departement[egCommune] ?? dep
    const eg = state.addOrg({
      kind: ORG_KIND.eg,
      parent: ej,
      cat,
      commune: egCommune,
      serial: isCabinet(p.category) ? -1 : state.nextFinessSerial(egDep),
      aux: k,
      flags: drawEgFlags(rng, p),
    })
    fillEstablishment(state, eg, p)
  }
  return size
}

/** Liberal cabinets (TRE_R02 SA07–SA09) are not in FINESS: identified by SIRET only. */
export function isCabinet(category: string): boolean {
  return category === 'SA07' || category === 'SA08' || category === 'SA09'
}

function drawEgFlags(rng: Rng, p: CategoryProfile): number {
  let flags = rng.chance(0.015) ? 1 : 0
  if (p.isHospital) {
    if (rng.chance(p.category === '101' ? 0.9 : 0.35)) flags |= 2
    if (rng.chance(0.6)) flags |= 4 | (rng.chance(p.category === '101' ? 0.1 : 0.5) ? 8 : 0)
  }
  return flags
}

/** Generates the whole dataset. */
export function buildDataset(options: BuildOptions): Dataset {
  const state = new BuildState(options)
  let done = 0
  let nextReport = 0
  while (done < options.egCount) {
    done += buildLegalEntity(state, options.egCount - done)
    if (done >= nextReport) {
      options.onProgress?.('generate', done, options.egCount)
      nextReport += 5000
    }
  }
  options.onProgress?.('generate', done, options.egCount)
  return state.ds
}
