/**
 * The generated ROR dataset behind the sandbox server: `openStore` generates (or reloads from
 * the on-disk cache) the compact tables for a seed and a scale, and the store materialises
 * FHIR resources on demand (see store-types.ts for the contract).
 */
import { join } from 'node:path'
import type { Resource } from 'fhir/r4'
import { buildDataset } from './build'
import { catalogFingerprint } from './catalog'
import { loadDataset, saveDataset } from './cache'
import type { CommuneTable } from './geo'
import { loadCommunes } from './geo'
import { identifierValuesOfOrg, organizationResource } from './materialize-org'
import { offerIdentifier, offerResource } from './materialize-offer'
import {
  practitionerIdentifier,
  practitionerResource,
  roleIdentifier,
  roleResource,
} from './materialize-people'
import { placeIdentifier, placeResource } from './materialize-place'
import type { EntityType } from './model'
import { idOf, Model } from './model'
import type { MutationHost } from './mutate'
import { applyMutations } from './mutate'
import { ReverseIndex } from './reverse-index'
import type {
  GeneratedStore,
  MutationSummary,
  RorResourceType,
  Scale,
  ScaleCounts,
  StoreOptions,
} from './store-types'

/**
 * Bump when build.ts / build-content.ts change what is generated, so stale caches are ignored
 * (catalogue and gazetteer changes are caught by their fingerprints in the cache key).
 */
export const GENERATOR_VERSION = 3

/** Region of the `region` scale: Auvergne-Rhône-Alpes (about 15 % of the country). */
export const REGION_SCALE_REGION = '84'

/**
 * Region of the `demo` scale: Centre-Val de Loire, at about half its real density, so the
 * demo answers a coordinator's question in one territory (« pédopsychiatrie, hôpital de jour,
 * 9 ans, à moins de 30 km de Bourges ») instead of spreading 2,000 sites thinly over France.
 */
export const DEMO_SCALE_REGION = '24'

export interface ResolvedScale {
  egCount: number
  region?: string
  key: string
}

export function resolveScale(scale: Scale | ScaleCounts): ResolvedScale {
  if (scale === 'demo') return { egCount: 2_000, region: DEMO_SCALE_REGION, key: 'demo' }
  if (scale === 'region') return { egCount: 15_000, region: REGION_SCALE_REGION, key: 'region' }
  if (scale === 'national') return { egCount: 100_000, key: 'national' }
  const n = scale.eg
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    throw new RangeError(`scale.eg doit être un entier entre 1 et 1 000 000 (reçu ${n})`)
  }
  return { egCount: n, key: `eg${n}` }
}

/** Options accepted by openStore beyond the contract (tests inject a small gazetteer). */
export interface OpenStoreOptions extends StoreOptions {
  communes?: CommuneTable
}

class Store implements GeneratedStore, MutationHost {
  private idCache = new Map<RorResourceType, string[]>()
  private liveCounts = new Map<RorResourceType, number>()
  private roles: ReverseIndex | undefined
  private places: ReverseIndex | undefined
  private pracRoles: ReverseIndex | undefined
  private mutations = 0

  constructor(
    readonly scale: Scale | ScaleCounts,
    readonly seed: number,
    readonly model: Model,
  ) {}

  count(type: RorResourceType): number {
    let n = this.liveCounts.get(type)
    if (n === undefined) {
      const t = this.model.table(type)
      n = 0
      for (let i = 0; i < t.length; i += 1) if (t.get('deleted', i) === 0) n += 1
      this.liveCounts.set(type, n)
    }
    return n
  }

  ids(type: RorResourceType): readonly string[] {
    let ids = this.idCache.get(type)
    if (!ids) {
      const t = this.model.table(type)
      ids = []
      for (let i = 0; i < t.length; i += 1) if (t.get('deleted', i) === 0) ids.push(idOf(type, i))
      this.idCache.set(type, ids)
    }
    return ids
  }

  private live(type: EntityType, id: string): number {
    const i = this.model.indexOf(type, id)
    return i >= 0 && this.model.table(type).get('deleted', i) === 0 ? i : -1
  }

  has(type: RorResourceType, id: string): boolean {
    return this.live(type, id) >= 0
  }

  get(type: RorResourceType, id: string): Resource | undefined {
    const i = this.live(type, id)
    if (i < 0) return undefined
    const m = this.model
    const build = {
      HealthcareService: offerResource,
      Location: placeResource,
      Organization: organizationResource,
      PractitionerRole: roleResource,
      Practitioner: practitionerResource,
    }[type]
    return build(m, i) as unknown as Resource
  }

  lastUpdatedMs(type: RorResourceType, id: string): number {
    const i = this.live(type, id)
    return i < 0 ? Number.NaN : this.model.table(type).get('updated', i)
  }

  region(type: RorResourceType, id: string): string {
    const i = this.live(type, id)
    return i < 0 ? '' : this.model.region(type, i)
  }

  identifierValues(type: RorResourceType, id: string): readonly string[] {
    const i = this.live(type, id)
    if (i < 0) return []
    switch (type) {
      case 'Organization':
        return identifierValuesOfOrg(this.model, i)
      case 'HealthcareService':
        return [offerIdentifier(this.model, i)]
      case 'Location':
        return [placeIdentifier(this.model, i)]
      case 'PractitionerRole':
        return [roleIdentifier(this.model, i)]
      case 'Practitioner':
        return [practitionerIdentifier(i)]
    }
  }

  offerOrganization(hsId: string): string | undefined {
    const i = this.live('HealthcareService', hsId)
    return i < 0 ? undefined : idOf('Organization', this.model.ds.hs.get('org', i))
  }

  offerLocations(hsId: string): readonly string[] {
    const i = this.live('HealthcareService', hsId)
    if (i < 0) return []
    const { hs, loc } = this.model.ds
    return [hs.get('loc0', i), hs.get('loc1', i)]
      .filter((l) => l >= 0 && loc.get('deleted', l) === 0)
      .map((l) => idOf('Location', l))
  }

  organizationPartOf(orgId: string): string | undefined {
    const i = this.live('Organization', orgId)
    const parent = i < 0 ? -1 : this.model.ds.org.get('parent', i)
    return parent < 0 ? undefined : idOf('Organization', parent)
  }

  offerPractitionerRoles(hsId: string): readonly string[] {
    const i = this.live('HealthcareService', hsId)
    if (i < 0) return []
    const { pr } = this.model.ds
    return [...this.rolesOfOffers().sourcesOf(i)]
      .filter((r) => pr.get('deleted', r) === 0)
      .map((r) => idOf('PractitionerRole', r))
  }

  practitionerRolePractitioner(prId: string): string | undefined {
    const i = this.live('PractitionerRole', prId)
    return i < 0 ? undefined : idOf('Practitioner', this.model.ds.pr.get('prac', i))
  }

  locationOffers(locationId: string): readonly string[] {
    const i = this.live('Location', locationId)
    if (i < 0) return []
    const { hs } = this.model.ds
    return [...this.offersOfPlaces().sourcesOf(i)]
      .filter((h) => hs.get('deleted', h) === 0)
      .map((h) => idOf('HealthcareService', h))
  }

  mutate(changes: number, now: Date = new Date()): MutationSummary {
    const summary = applyMutations(this, changes, now, this.mutations)
    this.mutations += 1
    return summary
  }

  rolesOfOffers(): ReverseIndex {
    const { hs, pr } = this.model.ds
    this.roles ??= new ReverseIndex(hs.length, pr.length, (r) => [pr.get('hs', r)])
    return this.roles
  }

  offersOfPlaces(): ReverseIndex {
    const { hs, loc } = this.model.ds
    this.places ??= new ReverseIndex(loc.length, hs.length, (h) => [
      hs.get('loc0', h),
      hs.get('loc1', h),
    ])
    return this.places
  }

  rolesOfPractitioners(): ReverseIndex {
    const { pr, prac } = this.model.ds
    this.pracRoles ??= new ReverseIndex(prac.length, pr.length, (r) => [pr.get('prac', r)])
    return this.pracRoles
  }

  /** Reverse indexes survive: mutations extend them (deleted rows are filtered on read). */
  invalidate(): void {
    this.idCache.clear()
    this.liveCounts.clear()
    this.model.invalidate()
  }
}

/**
 * Opens the generated dataset for a seed and a scale: loads it from `cacheDir` when cached,
 * otherwise generates it (and caches it when `cacheDir` is set).
 */
export async function openStore(options: OpenStoreOptions): Promise<GeneratedStore> {
  const communes = options.communes ?? loadCommunes()
  const scale = resolveScale(options.scale)
  const fingerprints = `g${communes.fingerprint.toString(16)}-c${catalogFingerprint().toString(16)}`
  const key = `v${GENERATOR_VERSION}-${scale.key}-s${options.seed}-${fingerprints}`
  const path = options.cacheDir ? join(options.cacheDir, `ror-gen-${key}.bin`) : undefined
  let ds = path ? await loadDataset(path, key) : undefined
  if (ds) options.onProgress?.('cache', 1, 1)
  else {
    ds = buildDataset({
      seed: options.seed,
      egCount: scale.egCount,
      region: scale.region,
      communes,
      onProgress: options.onProgress,
    })
    if (path) await saveDataset(path, key, ds)
  }
  return new Store(options.scale, options.seed, new Model(options.seed, ds, communes))
}
