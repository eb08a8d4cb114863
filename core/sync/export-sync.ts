/**
 * Full sync through the ROR's bulk `$export` (ROR-FHIR-NOTES §5.5, FHIR Bulk Data IG):
 * kick-off with `Prefer: respond-async` → 202 + `Content-Location`; poll it (honouring
 * `Retry-After`) until the manifest; download every output file, streamed, each one a unit of
 * work staged and checkpointed. Region scope: `_typeFilter=HealthcareService?_tag=<region>`.
 * The ROR exports HealthcareService with all its linked resources, as JSON Bundles.
 */
import { CS } from '../ror/urls'
import { SnapshotBuilder, type BuilderOptions, type BuildResult } from '../snapshot/builder'
import type { Checkpoint } from './checkpoint'
import { exportUnitKey } from './checkpoint'
import { outcomeText, phase, type SyncContext } from './context'
import { ExportFailedError, ProtocolError } from './errors'
import { PhaseMeter } from './events'
import { parseRetryAfter, sleep, throwIfCancelled } from './retry'
import { IncompleteBodyError } from './ror-client'
import { readText, type HttpResponse } from './transport'
import { ingestUnit, readUnit, replayUnit, type ParsedUnit, type UnitMapping } from './units'

type FullState = NonNullable<Checkpoint['full']>

/** The job or its files are gone (expired, purged): a resumed export starts again. */
class JobGoneError extends Error {
  override name = 'JobGoneError'
}

export interface FullFetch {
  build: BuildResult
  /** The export's `transactionTime`: the next delta starts from it. */
  transactionTime: string
}

/** Kick-off URL of the export (regional when `region` is set). */
export function exportUrl(fhirBase: string, region: string | null): string {
  const params = new URLSearchParams({
    _type: 'HealthcareService',
    includeAssociatedData: '_myCompleteExtract',
    _outputFormat: 'application/fhir+json',
  })
  if (region !== null) params.set('_typeFilter', `HealthcareService?_tag=${CS.region}|${region}`)
  return `${fhirBase}/$export?${params.toString()}`
}

/**
 * Runs (or resumes, from `resume`) the export and reads every output file into a builder.
 * A resumed job that has expired on the server is started again, once.
 */
export async function fetchFullExport(
  ctx: SyncContext,
  resume: FullState | undefined,
): Promise<FullFetch> {
  try {
    return await runExport(ctx, resume)
  } catch (error) {
    if (!(error instanceof JobGoneError) || resume === undefined) {
      if (error instanceof JobGoneError) throw new ExportFailedError(error.message)
      throw error
    }
    ctx.emit({ type: 'warning', message: `Export précédent expiré côté serveur : nouvel export.` })
    await ctx.state.clear()
    return runExport(ctx, undefined).catch((again: unknown) => {
      throw again instanceof JobGoneError ? new ExportFailedError(again.message) : again
    })
  }
}

async function runExport(ctx: SyncContext, resume: FullState | undefined): Promise<FullFetch> {
  let job: FullState = resume ?? (await kickOff(ctx))
  if (job.outputs === undefined || job.transactionTime === undefined) {
    job = await waitForManifest(ctx, job)
  }
  const outputs = job.outputs!
  const builder = newBuilder(ctx)
  const staged = new Set(await ctx.state.units())
  const meter = new PhaseMeter('download')
  const files = outputs.length === 1 ? 'du fichier' : `des ${outputs.length} fichiers`
  phase(ctx, 'download', `Téléchargement ${files} d’export`)
  const fetchUnit = (i: number): Promise<ParsedUnit> => {
    const key = exportUnitKey(i)
    const mapping = unitMapping(ctx, `export ${i + 1}/${outputs.length}`)
    const unit = staged.has(key)
      ? replay(ctx, key, mapping)
      : download(ctx, outputs[i]!, key, mapping)
    unit.catch(() => undefined) // awaited below; a failure of a prefetch surfaces there
    return unit
  }
  // The next files download (and are mapped, by the processor's workers) while this one is
  // merged: as many ahead as the processor maps at once (2 cores: server and client, or two
  // workers).
  const ahead = Math.max(1, ctx.processor.concurrency)
  const inFlight: Promise<ParsedUnit>[] = []
  let started = 0
  const fill = () => {
    while (started < outputs.length && inFlight.length <= ahead) inFlight.push(fetchUnit(started++))
  }
  fill()
  for (let i = 0; i < outputs.length; i++) {
    throwIfCancelled(ctx.signal)
    const unit = await inFlight.shift()!
    fill()
    const counts = ingestUnit(builder, unit)
    meter.add(counts.resources)
    ctx.totals.units += 1
    ctx.emit({
      type: 'progress',
      phase: 'download',
      resourceType: 'HealthcareService',
      done: i + 1,
      total: outputs.length,
      unit: 'files',
      bytes: ctx.totals.bytes,
      rate: meter.rate(),
      ...withEta(meter.eta(i + 1, outputs.length)),
    })
  }
  phase(ctx, 'map', 'Contrôle des droits d’accès et préparation des enregistrements')
  await ctx.processor.release?.()
  return { build: builder.finish(), transactionTime: job.transactionTime! }
}

/** A builder using the processor's block codec. */
export function newBuilder(
  ctx: SyncContext,
  fallbackContext?: BuilderOptions['fallbackContext'],
): SnapshotBuilder {
  const { deflate, inflate } = ctx.processor
  return new SnapshotBuilder({
    profile: ctx.profile,
    ...(fallbackContext ? { fallbackContext } : {}),
    ...(deflate ? { deflate } : {}),
    ...(inflate ? { inflate } : {}),
  })
}

export function unitMapping(ctx: SyncContext, source: string, collectSeen = false): UnitMapping {
  return { processor: ctx.processor, profile: ctx.profile, source, collectSeen }
}

function withEta(eta: number | undefined): { etaSeconds?: number } {
  return eta === undefined ? {} : { etaSeconds: eta }
}

async function replay(ctx: SyncContext, key: string, mapping: UnitMapping): Promise<ParsedUnit> {
  ctx.totals.resumedUnits += 1
  return replayUnit(ctx.state, key, mapping)
}

async function kickOff(ctx: SyncContext): Promise<FullState> {
  phase(ctx, 'export-request', 'Demande d’export au ROR')
  const url = exportUrl(ctx.fhirBase, ctx.region)
  const location = await ctx.client.unit(
    url,
    async (response) => {
      const text = await readText(response)
      const location = response.header('content-location')
      if (response.status !== 202 || location === undefined) {
        throw new ExportFailedError(
          `demande refusée (HTTP ${response.status}${text ? ` : ${outcomeText(text)}` : ''})`,
        )
      }
      return location
    },
    { headers: { Prefer: 'respond-async' } },
  )
  const job: FullState = { pollUrl: new URL(location, url).href }
  await ctx.saveCheckpoint({ full: job })
  return job
}

type PollAnswer = { ready: FullState } | { wait: number | undefined; progress: string | undefined }

/** Polls the job until its manifest is ready (202 + Retry-After while it runs). */
async function waitForManifest(ctx: SyncContext, job: FullState): Promise<FullState> {
  phase(ctx, 'export-wait', 'Préparation de l’export par le ROR')
  const started = ctx.now()
  for (let poll = 1; ; poll++) {
    const answer = await ctx.client.unit(job.pollUrl, (response) => readPoll(ctx, job, response))
    if ('ready' in answer) {
      await ctx.saveCheckpoint({ full: answer.ready })
      return answer.ready
    }
    const elapsed = ctx.now() - started
    if (elapsed > ctx.exportMaxWaitMs) {
      throw new ExportFailedError(`export non prêt après ${Math.round(elapsed / 60_000)} min`)
    }
    // Retry-After when the server gives it; otherwise 1 s, growing to 30 s.
    const wait = answer.wait ?? Math.min(30_000, 1000 * 2 ** Math.min(5, poll - 1))
    ctx.emit({
      type: 'phase',
      phase: 'export-wait',
      message: `Export en préparation par le serveur${answer.progress ? ` (état annoncé : « ${answer.progress} »)` : ''}`,
    })
    await sleep(Math.min(wait, 5 * 60_000), ctx.signal)
  }
}

async function readPoll(
  ctx: SyncContext,
  job: FullState,
  response: HttpResponse,
): Promise<PollAnswer> {
  const text = await readText(response)
  if (response.status === 404 || response.status === 410) {
    throw new JobGoneError(`la tâche d’export n’existe plus (HTTP ${response.status})`)
  }
  if (response.status === 202) {
    return {
      wait: parseRetryAfter(response.header('retry-after'), ctx.now()),
      progress: response.header('x-progress'),
    }
  }
  if (response.status !== 200) {
    throw new ExportFailedError(`suivi de l’export : HTTP ${response.status} ${outcomeText(text)}`)
  }
  let manifest: { transactionTime?: unknown; output?: { url?: unknown }[]; error?: unknown[] }
  try {
    manifest = JSON.parse(text) as typeof manifest
  } catch {
    throw new IncompleteBodyError('manifeste d’export illisible')
  }
  return { ready: acceptManifest(job, manifest) }
}

function acceptManifest(
  job: FullState,
  manifest: { transactionTime?: unknown; output?: { url?: unknown }[]; error?: unknown[] },
): FullState {
  if (Array.isArray(manifest.error) && manifest.error.length > 0) {
    // An export with failed parts is incomplete: applying it would drop good records.
    throw new ExportFailedError(`${manifest.error.length} partie(s) en erreur côté serveur`)
  }
  if (typeof manifest.transactionTime !== 'string' || !Array.isArray(manifest.output)) {
    throw new ProtocolError('manifeste d’export sans transactionTime ou sans output')
  }
  const outputs = manifest.output.map((o) => {
    if (typeof o?.url !== 'string') throw new ProtocolError('fichier d’export sans url')
    return new URL(o.url, job.pollUrl).href
  })
  return { ...job, transactionTime: manifest.transactionTime, outputs }
}

async function download(
  ctx: SyncContext,
  url: string,
  key: string,
  mapping: UnitMapping,
): Promise<ParsedUnit> {
  return ctx.client.unit(url, async (response) => {
    if (response.status !== 200) {
      const text = await readText(response)
      if (response.status === 404 || response.status === 410) {
        throw new JobGoneError(`fichier d’export disparu (HTTP ${response.status})`)
      }
      throw new ExportFailedError(`fichier ${url} : HTTP ${response.status} ${outcomeText(text)}`)
    }
    const length = Number(response.header('content-length') ?? NaN)
    return readUnit(response.body, `export ${key}`, mapping, {
      ...(Number.isNaN(length) ? {} : { length }),
      staged: await ctx.state.stage(key),
      onBytes: (n) => {
        ctx.totals.bytes += n
      },
    })
  })
}
