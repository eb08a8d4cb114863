/**
 * Sandbox control routes under `/$sandbox/` (not part of the ROR API, no auth: a local tool):
 * fault configuration, data evolution (`mutate`) and resource counts per access profile.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { ACCESS_PROFILES, type AccessProfile } from '../../core/snapshot/records'
import {
  ROR_RESOURCE_TYPES,
  type GeneratedStore,
  type MutationSummary,
  type RorResourceType,
} from '../generate/store-types'
import type { AccessView } from './access'
import { faultSpecSchema, type FaultInjector } from './faults'
import { readBody, SandboxHttpError, sendJson } from './http-util'

type Counts = Record<RorResourceType, number>

export interface SandboxStats {
  scale: GeneratedStore['scale']
  seed: number
  computedAt: string
  computeMs: number
  counts: Counts
  byProfile: Record<AccessProfile, Counts>
}

const mutateSchema = z
  .object({
    changes: z.number().int().min(1).max(1_000_000),
    /** Optional clock for the mutation (ISO instant), for reproducible tests. */
    now: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()

/** Counts are computed on first request (a full pass over the store) and kept until a mutate. */
export class StatsService {
  private cached: Promise<SandboxStats> | undefined

  constructor(
    private readonly store: GeneratedStore,
    private readonly access: AccessView,
  ) {}

  get(): Promise<SandboxStats> {
    this.cached ??= this.compute()
    return this.cached
  }

  invalidate(): void {
    this.cached = undefined
  }

  private async compute(): Promise<SandboxStats> {
    const started = Date.now()
    const counts = {} as Counts
    const byProfile = Object.fromEntries(ACCESS_PROFILES.map((p) => [p, {} as Counts])) as Record<
      AccessProfile,
      Counts
    >
    for (const type of ROR_RESOURCE_TYPES) {
      counts[type] = this.store.count(type)
      const visible = await this.access.countByProfile(type)
      for (const profile of ACCESS_PROFILES) byProfile[profile][type] = visible[profile]
    }
    return {
      scale: this.store.scale,
      seed: this.store.seed,
      computedAt: new Date().toISOString(),
      computeMs: Date.now() - started,
      counts,
      byProfile,
    }
  }
}

export interface AdminDeps {
  store: GeneratedStore
  access: AccessView
  faults: FaultInjector
  stats: StatsService
  onMutate?: (summary: MutationSummary) => void
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req)
  try {
    return text.trim() === '' ? {} : JSON.parse(text)
  } catch {
    throw new SandboxHttpError(400, 'invalid', 'body is not valid JSON')
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new SandboxHttpError(400, 'invalid', `${what}: ${z.prettifyError(parsed.error)}`)
  }
  return parsed.data
}

export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  deps: AdminDeps,
): Promise<void> {
  const key = `${req.method ?? 'GET'} ${route}`
  switch (key) {
    case 'GET faults':
      return sendJson(res, 200, deps.faults.status())
    case 'POST faults':
      deps.faults.set(parseWith(faultSpecSchema, await readJson(req), 'fault spec'))
      return sendJson(res, 200, deps.faults.status())
    case 'DELETE faults':
      deps.faults.set({})
      return sendJson(res, 200, deps.faults.status())
    case 'POST mutate': {
      const body = parseWith(mutateSchema, await readJson(req), 'mutate body')
      const summary = deps.store.mutate(body.changes, body.now ? new Date(body.now) : undefined)
      deps.access.invalidate(summary)
      deps.stats.invalidate()
      deps.onMutate?.(summary)
      return sendJson(res, 200, summary)
    }
    case 'GET stats':
      return sendJson(res, 200, await deps.stats.get())
    default:
      throw new SandboxHttpError(404, 'not-found', `no sandbox route ${key}`)
  }
}
