/**
 * Bulk `$export` as the ROR implements it (ROR-FHIR-NOTES §5.5): kick-off → 202 +
 * Content-Location → poll (202 + Retry-After while running) → manifest → one output file per
 * slice of offers. Documented ROR deviations reproduced: output is JSON Bundles (ndjson refused),
 * `Prefer: respond-async` optional, and every file holds HealthcareServices plus all their
 * linked resources (Organization chain, Locations, PractitionerRoles, Practitioners) whether or
 * not `includeAssociatedData=_myCompleteExtract` is given. Output files are streamed entry by
 * entry; the offer ids are captured at kick-off (the export's transactionTime).
 */
import { randomUUID } from 'node:crypto'
import type { AccessProfile } from '../../core/snapshot/records'
import type { GeneratedStore } from '../generate/store-types'
import type { AccessView } from './access'
import { BundleWriter, type BundleResource, type SearchMode } from './bundle-writer'
import { streamCachedExport, type ExportCache } from './export-cache'
import { SandboxHttpError, yieldToLoop } from './http-util'
import { resolveIncludes } from './includes'
import type { Reply } from './reply'
import { collectCandidates } from './search'
import { emptyQuery, parseSearch, type SearchQuery } from './search-params'

export interface ExportOptions {
  /** Offers per output file (the ROR's slice size is not documented; default 5,000). */
  fileSize: number
  /** How long a job "runs" before its manifest is ready. */
  delayMs: number
  /** Output files are rendered once into this cache (export-cache.ts); live when absent. */
  cache?: ExportCache
}

interface ExportJob {
  id: string
  clientId: string
  profile: AccessProfile
  request: string
  transactionTime: string
  createdMs: number
  readyMs: number
  offerIds: readonly string[]
}

/** Jobs older than this are forgotten, like a server purging its bulk files. */
const JOB_TTL_MS = 60 * 60 * 1000
const JSON_FORMATS = new Set(['application/fhir+json', 'application/json'])

/** The linked resources every export file carries with each offer. */
const LINKED: SearchQuery = {
  ...emptyQuery('HealthcareService'),
  includes: new Set([
    'HealthcareService:organization',
    'HealthcareService:location',
    'PractitionerRole:practitioner',
  ]),
  iterateIncludes: new Set(['Organization:partof']),
  revIncludes: new Set(['PractitionerRole:service']),
}
const NO_FILTER = { defaultCount: 0, maxCount: 0 }
const KICK_OFF_PARAMS = new Set([
  '_type',
  '_outputFormat',
  'includeAssociatedData',
  '_typeFilter',
  '_since',
])

function bad(message: string): SandboxHttpError {
  return new SandboxHttpError(400, 'not-supported', message)
}

export class ExportService {
  private readonly jobs = new Map<string, ExportJob>()

  constructor(
    private readonly store: GeneratedStore,
    private readonly access: AccessView,
    private readonly options: ExportOptions,
  ) {}

  /** Kick-off: validates the request, captures the offers, answers 202 + Content-Location. */
  async kickOff(
    reply: Reply,
    url: URL,
    client: { clientId: string; profile: AccessProfile },
    fhirBase: string,
  ): Promise<void> {
    this.prune()
    const offerIds = this.selectOffers(url.searchParams)
    const now = Date.now()
    const job: ExportJob = {
      id: randomUUID(),
      ...client,
      request: url.href,
      transactionTime: new Date(now).toISOString(),
      createdMs: now,
      readyMs: now + this.options.delayMs,
      offerIds,
    }
    this.jobs.set(job.id, job)
    reply.res.writeHead(202, {
      'Content-Location': `${fhirBase}/$export-poll-status?_jobId=${job.id}`,
      'Content-Length': '0',
    })
    reply.res.end()
  }

  private selectOffers(params: URLSearchParams): string[] {
    checkKickOffParams(params)
    const filters = params
      .getAll('_typeFilter')
      .flatMap((value) => value.split(/,(?=[A-Z][A-Za-z]+\?)/))
      .map((filter) => parseTypeFilter(filter))
    const queries = filters.length > 0 ? filters : [emptyQuery('HealthcareService')]
    const since = params.get('_since')
    if (since !== null) {
      // Bulk Data `_since`: resources changed after that instant.
      const bound = parseSearch(
        'HealthcareService',
        new URLSearchParams({ _lastUpdated: `gt${since}` }),
        NO_FILTER,
      ).lastUpdated
      for (const query of queries) query.lastUpdated.push(...bound)
    }
    // Several _typeFilter values are OR'ed (Bulk Data IG); keep the store order.
    const selected = new Set<string>()
    for (const query of queries) {
      for (const id of collectCandidates(this.store, query)) selected.add(id)
    }
    return this.store.ids('HealthcareService').filter((id) => selected.has(id))
  }

  private job(id: string | null, client: { clientId: string }): ExportJob {
    const job = id === null ? undefined : this.jobs.get(id)
    // Another client's job is reported as unknown, not as forbidden, to reveal nothing.
    if (!job || job.clientId !== client.clientId || Date.now() - job.createdMs > JOB_TTL_MS) {
      throw new SandboxHttpError(404, 'not-found', `no export job "${id ?? ''}" for this client`)
    }
    return job
  }

  private fileCount(job: ExportJob): number {
    return Math.ceil(job.offerIds.length / this.options.fileSize)
  }

  async poll(reply: Reply, url: URL, client: { clientId: string }, fhirBase: string) {
    const job = this.job(url.searchParams.get('_jobId'), client)
    const now = Date.now()
    if (now < job.readyMs) {
      const total = job.readyMs - job.createdMs
      const percent = Math.floor((100 * (now - job.createdMs)) / Math.max(1, total))
      reply.res.writeHead(202, {
        'Retry-After': String(Math.max(1, Math.ceil((job.readyMs - now) / 1000))),
        'X-Progress': `in progress: ${percent}%`,
        'Content-Length': '0',
      })
      reply.res.end()
      return
    }
    const output = Array.from({ length: this.fileCount(job) }, (_, n) => ({
      type: 'HealthcareService',
      url: `${fhirBase}/$export-output/${job.id}/${n + 1}.json`,
    }))
    await reply.json(
      200,
      {
        transactionTime: job.transactionTime,
        request: job.request,
        requiresAccessToken: true,
        output,
        error: [],
      },
      {},
      'application/json; charset=utf-8',
    )
  }

  /** DELETE on the poll URL cancels the job and forgets its files (Bulk Data IG). */
  cancel(reply: Reply, url: URL, client: { clientId: string }): void {
    const job = this.job(url.searchParams.get('_jobId'), client)
    this.jobs.delete(job.id)
    reply.res.writeHead(202, { 'Content-Length': '0' })
    reply.res.end()
  }

  /** Streams output file `n` (1-based) of a job: its offers, each followed by its links. */
  async download(
    reply: Reply,
    jobId: string,
    n: number,
    client: { clientId: string; profile: AccessProfile },
    fhirBase: string,
  ): Promise<void> {
    const job = this.job(jobId, client)
    if (Date.now() < job.readyMs || n < 1 || n > this.fileCount(job)) {
      throw new SandboxHttpError(404, 'not-found', `export ${jobId} has no file ${n}`)
    }
    const slice = job.offerIds.slice((n - 1) * this.options.fileSize, n * this.options.fileSize)
    const head = {
      resourceType: 'Bundle',
      id: `${job.id}-${n}`,
      meta: { lastUpdated: job.transactionTime },
      type: 'searchset',
    }
    const cache = this.options.cache
    if (cache) {
      const file = await cache.get(cache.keyOf(job.profile, slice), (writer) =>
        this.renderSlice(slice, job.profile, writer),
      )
      const tail = { total: file.matches }
      const open = (length: number) => reply.stream(200, { 'Content-Length': String(length) })
      return streamCachedExport(file, open, head, tail, fhirBase)
    }
    const writer = new BundleWriter(reply.stream(200), head, fhirBase)
    await this.renderSlice(slice, job.profile, writer)
    // The number of offers is known only at the end of the stream.
    await writer.finish({ total: writer.matchCount })
  }

  /** Each offer of the slice visible to `profile`, followed by its linked resources. */
  private async renderSlice(
    slice: readonly string[],
    profile: AccessProfile,
    writer: { add(resource: BundleResource, mode: SearchMode): Promise<void> },
  ): Promise<void> {
    const seen = new Set<string>()
    let done = 0
    for (const id of slice) {
      const offer = this.access.view('HealthcareService', id, profile)
      if (!offer) continue
      await writer.add(offer, 'match')
      const ref = [{ type: 'HealthcareService' as const, id }]
      for (const linked of resolveIncludes(this.store, this.access, LINKED, ref, profile, seen)) {
        await writer.add(linked, 'include')
      }
      if (++done % 200 === 0) await yieldToLoop()
    }
  }

  /**
   * Renders into the cache every output file of a national export for `profile` (what a
   * kick-off without filter selects), so that the first sync is served from disk too.
   */
  async prerender(profile: AccessProfile, onFile?: (n: number, total: number) => void) {
    const cache = this.options.cache
    if (!cache) return
    const ids = this.selectOffers(new URLSearchParams())
    const total = Math.ceil(ids.length / this.options.fileSize)
    for (let n = 0; n < total; n++) {
      const slice = ids.slice(n * this.options.fileSize, (n + 1) * this.options.fileSize)
      await cache.get(cache.keyOf(profile, slice), (w) => this.renderSlice(slice, profile, w))
      onFile?.(n + 1, total)
    }
  }

  private prune(): void {
    const now = Date.now()
    for (const [id, job] of this.jobs) if (now - job.createdMs > JOB_TTL_MS) this.jobs.delete(id)
  }
}

function checkKickOffParams(params: URLSearchParams): void {
  for (const name of params.keys()) {
    if (!KICK_OFF_PARAMS.has(name)) throw bad(`$export parameter "${name}" is not supported`)
  }
  const types = (params.get('_type') ?? 'HealthcareService').split(',')
  if (types.some((t) => t !== 'HealthcareService')) {
    throw bad('_type: the ROR $export exports HealthcareService (with its linked resources) only')
  }
  const format = params.get('_outputFormat')
  if (format !== null && !JSON_FORMATS.has(format)) {
    throw bad(`_outputFormat "${format}" is not supported: use application/fhir+json`)
  }
  const associated = params.get('includeAssociatedData')
  if (associated !== null && associated !== '_myCompleteExtract') {
    throw bad(`includeAssociatedData "${associated}" is not supported (use _myCompleteExtract)`)
  }
}

function parseTypeFilter(filter: string): SearchQuery {
  const mark = filter.indexOf('?')
  if (mark < 0 || filter.slice(0, mark) !== 'HealthcareService') {
    throw bad(`_typeFilter "${filter}" must read HealthcareService?<search parameters>`)
  }
  const query = parseSearch(
    'HealthcareService',
    new URLSearchParams(filter.slice(mark + 1)),
    NO_FILTER,
  )
  if (query.includes.size + query.iterateIncludes.size + query.revIncludes.size > 0) {
    throw bad('_typeFilter cannot carry _include or _revinclude')
  }
  return query
}
