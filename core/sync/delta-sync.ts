/**
 * Delta sync: `_lastUpdated=ge<last sync start>` queries (delta-plan.ts), paged through their
 * `next` links, each page a unit of work staged and checkpointed. Pages go through the model
 * with, as fallback access context, the facts of the active snapshot (offers of a place, of an
 * organisation, of a practitioner), gathered while the queries run.
 */
import { AccessFactsIndex, type AccessContext, type OfferFacts } from '../ror/access-context'
import { addAccessFacts, type SnapshotBuilder, type BuildResult } from '../snapshot/builder'
import { FactsContext } from '../snapshot/facts-context'
import type { DomainRecord } from '../snapshot/records'
import { deltaPageOf, deltaUnitKey, type Checkpoint, type DeltaPart } from './checkpoint'
import { outcomeCodes, outcomeText, phase, type SyncContext } from './context'
import { partUrl, splitPart, initialParts } from './delta-plan'
import { nextOfLinks } from './early-fields'
import { ProtocolError } from './errors'
import { PhaseMeter } from './events'
import { throwIfCancelled } from './retry'
import { baseIdentity, type SnapshotBase } from './snapshot-store'
import { readText } from './transport'
import { newBuilder, unitMapping } from './export-sync'
import {
  ingestUnit,
  nextLink,
  readUnit,
  replayUnit,
  type ParsedUnit,
  type UnitMapping,
} from './units'

type DeltaState = NonNullable<Checkpoint['delta']>

/** Overlap with the previous window, against clock skew and late commits on the server. */
export const SINCE_MARGIN_MS = 2 * 60_000

/** A part cannot be split below the cap: the engine falls back to a full sync. */
export class DeltaTooLargeError extends Error {
  override name = 'DeltaTooLargeError'
}

/** The query passed the server's result cap (refused, or a `total` above the cap). */
class CapExceeded extends Error {
  override name = 'CapExceeded'
}

export interface DeltaFetch {
  build: BuildResult
  /** `Type/id` of every resource the delta met (hidden or invalid ones included). */
  seen: Set<string>
  /** `lastSyncStart` of the snapshot this delta produces. */
  nextSince: string
  /**
   * The active snapshot's sync facts with their reverse lookups (built while the queries ran),
   * when its file has them (an overlay can be written).
   */
  facts: FactsContext | null
}

export async function fetchDelta(
  ctx: SyncContext,
  base: SnapshotBase,
  resume: DeltaState | undefined,
): Promise<DeltaFetch> {
  const since = base.manifest.sync?.lastSyncStart
  if (since === undefined) throw new ProtocolError('instantané sans date de synchronisation')
  const fallback = new LateContext()
  const factsReady = gatherFacts(base, fallback)
  // The fallback is read only in `finish`, after `factsReady` (builder.ts).
  const builder = newBuilder(ctx, fallback)
  const seen = new Set<string>()
  try {
    const state = resume ?? (await startDelta(ctx, base, since))
    await runParts(ctx, state, builder, seen)
    phase(ctx, 'map', 'Contrôle des droits d’accès et préparation des enregistrements')
    await ctx.processor.release?.()
    const facts = await factsReady
    return { build: builder.finish(), seen, nextSince: state.nextSince, facts }
  } finally {
    await factsReady.catch(() => undefined)
  }
}

/** The server's clock (`Date` of an answer), less the margin, starts the next window. */
async function startDelta(
  ctx: SyncContext,
  base: SnapshotBase,
  since: string,
): Promise<DeltaState> {
  phase(ctx, 'delta', 'Recherche des modifications depuis la dernière synchronisation')
  const response = await ctx.client.send(`${ctx.fhirBase}/metadata`)
  const serverDate = Date.parse(response.header('date') ?? '')
  await response.discard()
  const startMs = Number.isNaN(serverDate) ? ctx.now() : Math.min(serverDate, ctx.now())
  const state: DeltaState = {
    base: baseIdentity(base.manifest),
    nextSince: new Date(startMs - SINCE_MARGIN_MS).toISOString(),
    parts: initialParts(since, ctx.region),
  }
  await ctx.saveCheckpoint({ delta: state })
  return state
}

async function runParts(
  ctx: SyncContext,
  state: DeltaState,
  builder: SnapshotBuilder,
  seen: Set<string>,
): Promise<void> {
  const staged = await ctx.state.units()
  const run: PartRun = {
    builder,
    seen,
    staged,
    meter: new PhaseMeter('delta'),
    progress: { done: 0, total: 0 },
    inFlight: 0,
  }
  const queue = [...state.parts]
  // The server clock at the start (the `Date` header has a 1 s precision), or later.
  const serverStart = Date.parse(state.nextSince) + SINCE_MARGIN_MS + 1000
  let following: PartPager | undefined
  while (queue.length > 0) {
    const part = queue.shift()!
    const pager = following?.part === part ? following : new PartPager(ctx, part, run)
    following = undefined
    // Once this part's last page is asked for, the next part's first page may be too: the
    // server prepares it while this side receives and maps the end of this part.
    pager.onLastRequested = () => {
      const next = queue[0]
      if (next === undefined) return
      following ??= new PartPager(ctx, next, run)
      following.pump()
    }
    const outcome = await pager.run()
    if (outcome === 'done') continue
    const now = new Date(Math.max(ctx.now(), serverStart)).toISOString()
    const children = splitPart(part, now)
    if (children === null) {
      throw new DeltaTooLargeError(`${part.resourceType} ${part.region ?? ''} ${part.from}`)
    }
    state.parts.splice(state.parts.indexOf(part), 1, ...children)
    await ctx.saveCheckpoint({ delta: state })
    ctx.emit({
      type: 'split',
      part: part.id,
      into: children.map((c) => c.id),
      reason: `plus de ${ctx.resultCap} résultats`,
    })
    queue.unshift(...children)
  }
}

interface PartRun {
  builder: SnapshotBuilder
  seen: Set<string>
  staged: readonly string[]
  meter: PhaseMeter
  progress: { done: number; total: number }
  /** Pages asked for and not yet taken by their part, all parts together. */
  inFlight: number
}

/** A page requested, and the one after it once its `next` link is known. */
interface PageLoad {
  url: string
  page: number
  unit: Promise<ParsedUnit>
  /** The `next` link read from the page's first bytes. */
  early?: string
  /** The page's first bytes say it is the part's last. */
  last?: boolean
  next?: PageLoad
}

/** Pages whose bytes may be on their way or waiting to be mapped, the current one included. */
const PAGES_AHEAD = 3

/**
 * Pages through one part (replaying its staged pages first); 'split' when over the cap. Page
 * n + 1 is asked for as soon as page n's first bytes name it (early-fields.ts), so the server
 * prepares it while this side receives and maps page n; once the last page is asked for,
 * {@link onLastRequested} lets the next part start the same way.
 */
class PartPager {
  private readonly stagedPages: Set<number>
  /** The page asked for last. */
  private frontier?: PageLoad
  private first?: PageLoad
  onLastRequested?: () => void

  constructor(
    private readonly ctx: SyncContext,
    readonly part: DeltaPart,
    private readonly shared: PartRun,
  ) {
    this.stagedPages = new Set(shared.staged.flatMap((k) => deltaPageOf(k, part.id) ?? []))
  }

  /** Asks for the next page whose link is known, if few enough pages are in flight. */
  pump(): void {
    const frontier = this.frontier
    if (frontier === undefined) {
      if (this.shared.inFlight < PAGES_AHEAD) this.first = this.start(this.firstUrl(), 0)
    } else if (frontier.early !== undefined) {
      if (!frontier.next && this.shared.inFlight < PAGES_AHEAD) {
        frontier.next = this.start(frontier.early, frontier.page + 1)
      }
    } else if (frontier.last) {
      this.onLastRequested?.()
    }
  }

  private firstUrl(): string {
    return partUrl(this.ctx.fhirBase, this.part, this.ctx.pageSize)
  }

  private start(url: string, page: number): PageLoad {
    const { ctx, part } = this
    this.shared.inFlight += 1
    const mapping = unitMapping(ctx, `${part.resourceType} page ${page + 1}`, true)
    const key = deltaUnitKey(part.id, page)
    const load = { url, page } as PageLoad
    this.frontier = load
    if (this.stagedPages.has(page)) {
      ctx.totals.resumedUnits += 1
      load.unit = replayUnit(ctx.state, key, mapping)
    } else {
      const onEarly = (next: string | undefined) => {
        if (next === undefined) load.last = true
        else load.early = next
        this.pump()
      }
      load.unit = fetchPage(ctx, url, key, page === 0, mapping, onEarly)
    }
    load.unit.catch(() => undefined) // awaited in `run`
    return load
  }

  async run(): Promise<'done' | 'split'> {
    const { ctx, part } = this
    let current: PageLoad | undefined = this.first ?? this.start(this.firstUrl(), 0)
    for (let page = 0; current !== undefined; page++) {
      throwIfCancelled(ctx.signal)
      let unit: ParsedUnit
      try {
        unit = await current.unit
      } catch (error) {
        if (error instanceof CapExceeded && page === 0) return 'split'
        throw error
      }
      this.shared.inFlight -= 1
      const url = nextLink(unit)
      let next: PageLoad | undefined = current.next
      if (next && next.url !== url) {
        throw new ProtocolError(
          `${shortQuery(current.url)} : lien « next » lu en tête de page (${next.url}) différent de celui de la page entière (${url})`,
        )
      }
      // Not asked for early: the next page downloads while this one goes through the model.
      if (!next && url !== undefined) next = this.start(url, page + 1)
      this.pump()
      current = next
      const counts = ingestUnit(this.shared.builder, unit, this.shared.seen)
      ctx.totals.units += 1
      report(ctx, part, unit, page, counts, this.shared)
    }
    return 'done'
  }
}

function report(
  ctx: SyncContext,
  part: DeltaPart,
  unit: ParsedUnit,
  page: number,
  counts: { resources: number; matches: number },
  run: PartRun,
): void {
  const total = unit.fields.get('total')
  if (page === 0 && typeof total === 'number') run.progress.total += total
  run.progress.done += counts.matches
  run.meter.add(counts.resources)
  const eta = run.meter.eta(run.progress.done, run.progress.total || undefined)
  ctx.emit({
    type: 'progress',
    phase: 'delta',
    resourceType: part.resourceType,
    done: run.progress.done,
    total: Math.max(run.progress.total, run.progress.done),
    unit: 'records',
    bytes: ctx.totals.bytes,
    rate: run.meter.rate(),
    ...(eta === undefined ? {} : { etaSeconds: eta }),
  })
}

async function fetchPage(
  ctx: SyncContext,
  url: string,
  key: string,
  isFirst: boolean,
  mapping: UnitMapping,
  onEarly: (next: string | undefined) => void,
): Promise<ParsedUnit> {
  return ctx.client.unit(url, async (response) => {
    if (response.status !== 200) {
      const body = await readText(response)
      if (isFirst && isCapOutcome(response.status, body)) throw new CapExceeded(outcomeText(body))
      throw new ProtocolError(`${shortQuery(url)} : HTTP ${response.status} ${outcomeText(body)}`)
    }
    return readUnit(response.body, shortQuery(url), mapping, {
      staged: await ctx.state.stage(key),
      onBytes: (n) => {
        ctx.totals.bytes += n
      },
      // A first page over the cap is split, not paged through: its next page is not wanted.
      early: (fields) => {
        const total = fields.total
        if (isFirst && (typeof total !== 'number' || total > ctx.resultCap)) return
        // No `link` before the entries: nothing is known early.
        if (Array.isArray(fields.link)) onEarly(nextOfLinks(fields.link))
      },
      // The ROR truncates above the cap: a first page announcing more cannot be complete.
      accept: (unit) => {
        const total = unit.fields.get('total')
        if (isFirst && typeof total === 'number' && total > ctx.resultCap) {
          throw new CapExceeded(`total ${total}`)
        }
      },
    })
  })
}

/** A search refused for its size: OperationOutcome `too-costly` (FHIR issue type). */
export function isCapOutcome(status: number, body: string): boolean {
  if (status < 400 || status >= 500) return false
  return outcomeCodes(body).includes('too-costly') || /10[\s ]?000/.test(outcomeText(body))
}

function shortQuery(url: string): string {
  const u = new URL(url)
  return `${u.pathname.split('/').pop() ?? ''}?${u.searchParams.getAll('_lastUpdated').join('&')}`
}

/**
 * The access facts of the active snapshot: from its file's sync facts when it has them (a
 * fraction of a second), else from its records (as `accessContextFromRecords` in builder.ts,
 * fed chunk by chunk from an asynchronous store). Resolves with the facts' context, or null.
 */
async function gatherFacts(base: SnapshotBase, into: LateContext): Promise<FactsContext | null> {
  const facts = (await base.file?.facts()) ?? null
  if (facts) {
    const context = new FactsContext(facts)
    await context.warm(() => new Promise((resolve) => setTimeout(resolve, 0)))
    into.target = context
    return context
  }
  const index = new AccessFactsIndex()
  await base.forEachChunk(['offer', 'organization', 'practitionerRole'], (_kind, records) => {
    for (const r of records as readonly DomainRecord[]) addAccessFacts(index, r)
  })
  into.target = index
  return null
}

/** An access context known only once the active snapshot's facts are read. */
class LateContext implements AccessContext {
  target: AccessContext = new AccessFactsIndex()

  offer(id: string): OfferFacts | undefined {
    return this.target.offer(id)
  }
  offersOfLocation(locationId: string): readonly OfferFacts[] {
    return this.target.offersOfLocation(locationId)
  }
  offersOfOrganization(organizationId: string): readonly OfferFacts[] {
    return this.target.offersOfOrganization?.(organizationId) ?? []
  }
  offersOfPractitioner(practitionerId: string): readonly OfferFacts[] {
    return this.target.offersOfPractitioner?.(practitionerId) ?? []
  }
}
