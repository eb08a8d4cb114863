/**
 * Fault injection: reproduces the failure modes a sync client must survive against the real ROR
 * (gateway throttling, 5xx, connection resets, truncated bodies, slow links, tokens expiring in
 * the middle of a sync). Off by default. Every trigger is deterministic — a seeded PRNG for
 * rates, counters for `everyN` / `once` / `skip` — so a test replays the same sequence.
 */
import { Rng } from '../generate/prng'
import { z } from 'zod'

/** A probability (0..1) or a counter rule evaluated on the n-th eligible request. */
const triggerSchema = z.union([
  z.number().min(0).max(1),
  z
    .object({
      rate: z.number().min(0).max(1).optional(),
      everyN: z.number().int().min(1).optional(),
      once: z.boolean().optional(),
      skip: z.number().int().min(0).optional(),
    })
    .strict(),
])
export type Trigger = z.infer<typeof triggerSchema>

export const faultSpecSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    rate429: triggerSchema.optional(),
    retryAfter: z.number().int().min(0).max(3600).optional(),
    rate500: triggerSchema.optional(),
    rate503: triggerSchema.optional(),
    resetMidBody: triggerSchema.optional(),
    truncatedJson: triggerSchema.optional(),
    /** Where reset/truncation cut a body (bytes); bodies shorter than that are cut in half. */
    bodyFaultAfterBytes: z.number().int().min(1).optional(),
    slowDripBytesPerSec: z.number().int().min(1).optional(),
    /** A token becomes invalid after this many uses (expiry in the middle of a sync). */
    expireTokenAfterRequests: z.number().int().min(1).optional(),
    /** Only requests whose path starts with this prefix are affected (default `/fhir`). */
    pathPrefix: z.string().startsWith('/').optional(),
    seed: z.number().int().optional(),
  })
  .strict()
export type FaultSpec = z.infer<typeof faultSpecSchema>

type TriggerKind = 'rate429' | 'rate500' | 'rate503' | 'resetMidBody' | 'truncatedJson'
const TRIGGER_KINDS: readonly TriggerKind[] = [
  'rate429',
  'rate503',
  'rate500',
  'resetMidBody',
  'truncatedJson',
]

export interface FaultDecision {
  latencyMs: number
  error?: { status: 429 | 500 | 503; retryAfter?: number }
  body?: { kind: 'reset' | 'truncate'; afterBytes: number | undefined }
  dripBytesPerSec?: number
}

/** mulberry32: tiny, seedable, good enough to spread fault hits. */
function prng(seed: number): () => number {
  const rng = new Rng(seed)
  return () => rng.next()
}

export class FaultInjector {
  private current: FaultSpec = {}
  private random = prng(1)
  private seen: Record<TriggerKind, number> = emptyCounts()
  private fired: Record<TriggerKind, number> = emptyCounts()
  private eligible = 0

  constructor(spec: FaultSpec = {}) {
    this.set(spec)
  }

  /** Replaces the whole fault configuration and resets the counters. */
  set(spec: FaultSpec): void {
    this.current = faultSpecSchema.parse(spec)
    this.random = prng(this.current.seed ?? 1)
    this.seen = emptyCounts()
    this.fired = emptyCounts()
    this.eligible = 0
  }

  get spec(): FaultSpec {
    return this.current
  }

  status(): { spec: FaultSpec; eligibleRequests: number; fired: Record<string, number> } {
    return { spec: this.current, eligibleRequests: this.eligible, fired: { ...this.fired } }
  }

  get expireTokenAfterRequests(): number | undefined {
    return this.current.expireTokenAfterRequests
  }

  /** Decides the faults of one request; undefined when the request is not affected. */
  decide(path: string): FaultDecision | undefined {
    const spec = this.current
    if (!path.startsWith(spec.pathPrefix ?? '/fhir')) return undefined
    this.eligible += 1
    const hits = new Set(TRIGGER_KINDS.filter((kind) => this.evaluate(kind)))
    const decision: FaultDecision = { latencyMs: spec.latencyMs ?? 0 }
    if (hits.has('rate429')) decision.error = { status: 429, retryAfter: spec.retryAfter ?? 1 }
    else if (hits.has('rate503')) decision.error = { status: 503, retryAfter: spec.retryAfter }
    else if (hits.has('rate500')) decision.error = { status: 500 }
    if (hits.has('resetMidBody')) {
      decision.body = { kind: 'reset', afterBytes: spec.bodyFaultAfterBytes }
    } else if (hits.has('truncatedJson')) {
      decision.body = { kind: 'truncate', afterBytes: spec.bodyFaultAfterBytes }
    }
    if (spec.slowDripBytesPerSec !== undefined) {
      decision.dripBytesPerSec = spec.slowDripBytesPerSec
    }
    return decision
  }

  private evaluate(kind: TriggerKind): boolean {
    const trigger = this.current[kind]
    if (trigger === undefined) return false
    this.seen[kind] += 1
    const rule = typeof trigger === 'number' ? { rate: trigger } : trigger
    const n = this.seen[kind] - (rule.skip ?? 0)
    if (n <= 0) return false
    if (rule.once === true && this.fired[kind] > 0) return false
    let hit = true
    if (rule.everyN !== undefined) hit = n % rule.everyN === 0
    else if (rule.rate !== undefined) hit = this.random() < rule.rate
    if (hit) this.fired[kind] += 1
    return hit
  }
}

function emptyCounts(): Record<TriggerKind, number> {
  return { rate429: 0, rate500: 0, rate503: 0, resetMidBody: 0, truncatedJson: 0 }
}

/**
 * Parses `--faults`: either JSON (`{"rate429":0.1}`) or `key=value` pairs separated by commas,
 * where a trigger value is a probability, `once`, `every:N` or `skip:K+every:N`.
 */
export function parseFaultsArg(text: string): FaultSpec {
  const trimmed = text.trim()
  let raw: unknown
  if (trimmed.startsWith('{')) {
    raw = JSON.parse(trimmed)
  } else {
    const entries = trimmed
      .split(',')
      .filter((part) => part.trim() !== '')
      .map((part) => {
        const [key, value] = part.split('=', 2).map((s) => s.trim())
        if (!key || value === undefined) throw new Error(`--faults: "${part}" is not key=value`)
        return [key, parseFaultValue(key, value)] as const
      })
    raw = Object.fromEntries(entries)
  }
  const parsed = faultSpecSchema.safeParse(raw)
  if (!parsed.success) {
    throw new Error(`--faults: ${z.prettifyError(parsed.error)}`)
  }
  return parsed.data
}

function parseFaultValue(key: string, value: string): unknown {
  if (key === 'pathPrefix') return value
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value)
  const rule: Record<string, number | boolean> = {}
  for (const token of value.split('+')) {
    const [name, arg] = token.split(':', 2)
    if (name === 'once') rule.once = true
    else if (name === 'every' && arg !== undefined) rule.everyN = Number(arg)
    else if (name === 'skip' && arg !== undefined) rule.skip = Number(arg)
    else if (name === 'rate' && arg !== undefined) rule.rate = Number(arg)
    else throw new Error(`--faults: cannot read "${key}=${value}" (use 0.2, once, every:3, skip:2)`)
  }
  return rule
}
