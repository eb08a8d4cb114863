/**
 * The organisation chain of an offer (ROR: OI → EG → EJ through `Organization.partOf`,
 * `HealthcareService.providedBy` pointing at any of them) and what search needs from it:
 * the EG (structure name, FINESS, catégorie d'établissement), the EJ, and the earliest
 * closing date on the chain (`organization-period.end`, ROR-FHIR-NOTES §3.2).
 */
import type { LocationRecord, OrganizationRecord } from '../snapshot/records'

export interface OrgChain {
  /** Index in the organisations array, -1 when absent. */
  structure: number
  legalEntity: number
  /** Earliest `closedAt` on the chain, epoch ms; +Infinity when none. */
  closedAt: number
}

/** Longest `partOf` chain followed; real chains are OI → OI → EG → EJ, so 8 is plenty. */
const MAX_DEPTH = 8

/** Parses an ISO date or instant to epoch ms; +Infinity when absent or unreadable. */
export function instantMs(value: string | undefined): number {
  if (value === undefined) return Infinity
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? Infinity : ms
}

/**
 * Resolves offer organisation chains, memoised per `providedBy` id (thousands of offers
 * share an EG). Cycles and dangling `partOf` references simply end the walk.
 */
export class OrgChains {
  private readonly byId = new Map<string, number>()
  private readonly memo = new Map<string, OrgChain>()

  constructor(private readonly orgs: readonly OrganizationRecord[]) {
    orgs.forEach((o, i) => this.byId.set(o.id, i))
  }

  /** Index of an organisation id in the array, or -1. */
  indexOf(id: string | undefined): number {
    return id === undefined ? -1 : (this.byId.get(id) ?? -1)
  }

  of(providedBy: string | undefined): OrgChain {
    const key = providedBy ?? ''
    let chain = this.memo.get(key)
    if (chain === undefined) {
      chain = this.walk(providedBy)
      this.memo.set(key, chain)
    }
    return chain
  }

  private walk(start: string | undefined): OrgChain {
    const chain: OrgChain = { structure: -1, legalEntity: -1, closedAt: Infinity }
    let id = start
    for (let depth = 0; id !== undefined && depth < MAX_DEPTH; depth++) {
      const i = this.indexOf(id)
      const org = this.orgs[i]
      if (org === undefined) break
      if (org.kind === 'EG' && chain.structure < 0) chain.structure = i
      if (org.kind === 'EJ' && chain.legalEntity < 0) chain.legalEntity = i
      chain.closedAt = Math.min(chain.closedAt, instantMs(org.closedAt))
      if (org.kind === 'EJ') break
      id = org.partOf
    }
    return chain
  }
}

/** What search reads of a place: its status and address (commune, city). */
export type LocationFacts = Pick<LocationRecord, 'status' | 'address'>

/** Places by id: a Map of the records, or a host's more compact table of the same facts. */
export interface LocationLookup {
  get(id: string): LocationFacts | undefined
}

/**
 * A place no longer receives patients when FHIR `Location.status` is `inactive` (closed) or
 * `suspended` (temporarily closed). An offer is closed by its places only when it has at least
 * one known place and all of them are closed: one open site keeps the offer reachable.
 */
export function allLocationsClosed(ids: readonly string[], locations: LocationLookup): boolean {
  let known = 0
  for (const id of ids) {
    const loc = locations.get(id)
    if (loc === undefined) continue
    known++
    if (loc.status !== 'inactive' && loc.status !== 'suspended') return false
  }
  return known > 0
}

/** Département of an INSEE commune code: 3 characters overseas (97x, 98x), else 2 (incl. 2A/2B). */
export function departementOfCommune(code: string): string {
  return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2)
}
