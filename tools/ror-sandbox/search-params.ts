/**
 * Parses the search parameters the sync needs (ROR-FHIR-NOTES §5.3, §5.5): `_lastUpdated`
 * (prefixes, repeated = AND), `_tag`, `_id`, `identifier` (comma = OR, repeated = AND),
 * `_count`, and the include set of the ROR delta queries. Unknown parameters are refused with a
 * 400, as the HAPI-based ROR server does, so a client typo is not silently ignored.
 */
import { CS } from '../../core/ror/urls'
import type { RorResourceType } from '../generate/store-types'
import { SandboxHttpError } from './http-util'

/** Include keys understood by the sandbox (ROR-FHIR-NOTES §5.5 delta queries, §6 use case 1). */
export const INCLUDES = [
  'HealthcareService:organization',
  'HealthcareService:location',
  'Organization:partof',
  'PractitionerRole:practitioner',
] as const
export const REVINCLUDES = ['PractitionerRole:service', 'HealthcareService:location'] as const
export type IncludeKey = (typeof INCLUDES)[number]
export type RevIncludeKey = (typeof REVINCLUDES)[number]

export interface DateBound {
  prefix: 'ge' | 'le' | 'gt' | 'lt' | 'eq'
  /** The instant range covered by the value at its precision: [startMs, endMs). */
  startMs: number
  endMs: number
}

export interface SearchQuery {
  type: RorResourceType
  lastUpdated: DateBound[]
  /** Each inner array is an OR of region codes; the outer array is an AND. */
  regions: string[][]
  ids: string[][]
  identifiers: string[][]
  count: number
  /** `_include` applied to the matches and the revincluded resources. */
  includes: Set<IncludeKey>
  /** `_include:iterate`, repeated over everything added until nothing new appears. */
  iterateIncludes: Set<IncludeKey>
  revIncludes: Set<RevIncludeKey>
  pageToken?: string
}

export interface CountLimits {
  defaultCount: number
  maxCount: number
}

/** Parameters accepted and ignored (they do not change the result set). */
const IGNORED = new Set(['_format', '_pretty', '_total'])

function bad(message: string): SandboxHttpError {
  return new SandboxHttpError(400, 'invalid', message)
}

/** A query with no filter, no include and the given page size. */
export function emptyQuery(type: RorResourceType, count = 0): SearchQuery {
  return {
    type,
    lastUpdated: [],
    regions: [],
    ids: [],
    identifiers: [],
    count,
    includes: new Set(),
    iterateIncludes: new Set(),
    revIncludes: new Set(),
  }
}

export function parseSearch(
  type: RorResourceType,
  params: URLSearchParams,
  limits: CountLimits,
): SearchQuery {
  const query = emptyQuery(type, limits.defaultCount)
  for (const [name, value] of params) {
    if (IGNORED.has(name)) continue
    switch (name) {
      case '_lastUpdated':
        query.lastUpdated.push(parseDateBound(value))
        break
      case '_tag':
        query.regions.push(value.split(',').map(parseRegionTag))
        break
      case '_id':
        query.ids.push(splitList(value))
        break
      case 'identifier':
        // identifier=system|value: the store indexes values only, so the system is not checked.
        query.identifiers.push(splitList(value).map((token) => token.slice(token.indexOf('|') + 1)))
        break
      case '_count':
        query.count = parseCount(value, limits)
        break
      case '_include':
      case '_include:iterate':
        addInclude(
          query,
          name === '_include:iterate' ? query.iterateIncludes : query.includes,
          value,
        )
        break
      case '_revinclude':
      case '_revinclude:iterate':
        if (!(REVINCLUDES as readonly string[]).includes(value)) {
          throw bad(`unsupported _revinclude "${value}" (supported: ${REVINCLUDES.join(', ')})`)
        }
        query.revIncludes.add(value as RevIncludeKey)
        break
      case '_pageToken':
        query.pageToken = value
        break
      default:
        throw bad(
          `unknown or unsupported search parameter "${name}" for ${type} ` +
            '(supported: _id, _lastUpdated, _tag, identifier, _count, _include, _revinclude)',
        )
    }
  }
  return query
}

function addInclude(query: SearchQuery, into: Set<IncludeKey>, value: string): void {
  if (!(INCLUDES as readonly string[]).includes(value)) {
    throw bad(`unsupported _include "${value}" (supported: ${INCLUDES.join(', ')})`)
  }
  into.add(value as IncludeKey)
}

function splitList(value: string): string[] {
  const items = value.split(',').map((s) => s.trim())
  if (items.some((s) => s === '')) throw bad(`empty value in list "${value}"`)
  return items
}

function parseCount(value: string, limits: CountLimits): number {
  if (!/^\d+$/.test(value)) throw bad(`_count must be a non-negative integer, got "${value}"`)
  // Like HAPI, a page size above the server maximum is lowered rather than refused.
  return Math.min(Number(value), limits.maxCount)
}

/** `_tag=<TRE_R30 system>|<code>`, `|code`… or a bare code (any system). */
function parseRegionTag(token: string): string {
  const bar = token.indexOf('|')
  if (bar < 0) return token
  const system = token.slice(0, bar)
  const code = token.slice(bar + 1)
  if (system !== '' && system !== CS.region) {
    throw bad(`_tag system "${system}" is not searchable here (only ${CS.region})`)
  }
  if (code === '') throw bad('_tag needs a code after "|"')
  return code
}

const DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/

/**
 * A FHIR date search value with its implicit range (FHIR search §3.1.1.4.5): `ge2024-03`
 * means from the start of March, `le2024-03` until its end. A value without a time zone is read
 * as UTC (the sandbox's clock); clients should always send one.
 */
export function parseDateBound(raw: string): DateBound {
  const prefixMatch = /^(ge|le|gt|lt|eq|sa|eb)?(.*)$/.exec(raw)
  const prefixText = prefixMatch?.[1] ?? 'eq'
  const prefix = prefixText === 'sa' ? 'gt' : prefixText === 'eb' ? 'lt' : prefixText
  const m = DATE.exec(prefixMatch?.[2] ?? '')
  if (!m) throw bad(`_lastUpdated value "${raw}" is not a FHIR date or dateTime`)
  const [, y, mo, d, h, mi, s, frac, tz] = m
  const fields = [Number(y), Number(mo ?? 1) - 1, Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0)]
  const seconds = Number(s ?? 0)
  const millis = frac ? Math.floor(Number(frac) * 1000) : 0
  const offsetMs = tz && tz !== 'Z' ? tzOffsetMs(tz) : 0
  const base = Date.UTC(fields[0]!, fields[1]!, fields[2]!, fields[3]!, fields[4]!, seconds, millis)
  // Date.UTC rolls 2024-13 over to 2025-01: a component that moved means an invalid date.
  const check = new Date(base)
  const roundTrip = [
    check.getUTCFullYear(),
    check.getUTCMonth(),
    check.getUTCDate(),
    check.getUTCHours(),
    check.getUTCMinutes(),
  ]
  if (roundTrip.some((v, i) => v !== fields[i]) || seconds > 59) {
    throw bad(`_lastUpdated value "${raw}" is not a valid date`)
  }
  const startMs = base - offsetMs
  const span = (() => {
    if (frac) return 1
    if (s !== undefined) return 1000
    if (mi !== undefined) return 60_000
    if (d !== undefined) return 86_400_000
    const next = mo
      ? Date.UTC(Number(y), Number(mo), 1) // first day of the next month
      : Date.UTC(Number(y) + 1, 0, 1)
    return next - base
  })()
  return { prefix: prefix as DateBound['prefix'], startMs, endMs: startMs + span }
}

function tzOffsetMs(tz: string): number {
  const sign = tz.startsWith('-') ? -1 : 1
  const [hh, mm] = tz.slice(1).split(':').map(Number)
  return sign * ((hh ?? 0) * 60 + (mm ?? 0)) * 60_000
}

/** Whether an instant satisfies one bound (FHIR search prefix semantics on a point in time). */
export function matchesBound(ms: number, bound: DateBound): boolean {
  switch (bound.prefix) {
    case 'ge':
      return ms >= bound.startMs
    case 'gt':
      return ms >= bound.endMs
    case 'le':
      return ms < bound.endMs
    case 'lt':
      return ms < bound.startMs
    case 'eq':
      return ms >= bound.startMs && ms < bound.endMs
  }
}
