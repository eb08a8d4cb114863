/**
 * Everything under `/fhir` (after the fault preamble, see reply.ts): `metadata` (open), then the
 * bearer token (401) and the four mandatory `Ror-*` headers (400), then search, read and
 * `$export` (ROR-FHIR-NOTES §5.1).
 */
import type { IncomingMessage } from 'node:http'
import { ROR_RESOURCE_TYPES, type RorResourceType } from '../generate/store-types'
import type { TokenService } from './auth'
import { capabilityStatement } from './capability'
import type { ExportService } from './export'
import type { FaultInjector } from './faults'
import { SandboxHttpError } from './http-util'
import type { Reply } from './reply'
import { runRead, runSearch, type SearchContext } from './search'
import { parseSearch, type CountLimits } from './search-params'
import { peerCertificate } from './token-endpoint'

/** The headers every ROR FHIR call must carry (values given at onboarding, notes §5.1). */
export const ROR_HEADERS = [
  'Ror-Profil-Utilisateur-Code',
  'Ror-Profil-Utilisateur-System',
  'Ror-Role-Metier-Code',
  'Ror-Role-Metier-System',
] as const

export interface FhirDeps {
  tokens: TokenService
  faults: FaultInjector
  exports: ExportService
  search: SearchContext
  limits: CountLimits
  tokenUrl: string
}

const TYPES = new Set<string>(ROR_RESOURCE_TYPES)
const EXPORT_FILE = /^\/\$export-output\/([0-9a-f-]{36})\/(\d+)\.json$/

export async function handleFhir(
  req: IncomingMessage,
  reply: Reply,
  url: URL,
  fhirBase: string,
  deps: FhirDeps,
): Promise<void> {
  const path = url.pathname.slice('/fhir'.length)
  if (path === '/metadata' && req.method === 'GET') {
    return reply.json(200, capabilityStatement(fhirBase, deps.tokenUrl))
  }

  const check = deps.tokens.verify(
    req.headers.authorization,
    deps.faults.expireTokenAfterRequests,
    peerCertificate(req)?.fingerprint256,
  )
  if (!check.ok) {
    const challenge = `Bearer realm="ror-sandbox", error="invalid_token", error_description="${check.description}"`
    const code = check.description.includes('expired') ? 'expired' : 'login'
    throw new SandboxHttpError(401, code, check.description, { 'WWW-Authenticate': challenge })
  }
  const missing = ROR_HEADERS.filter((name) => !req.headers[name.toLowerCase()]?.toString().trim())
  if (missing.length > 0) {
    throw new SandboxHttpError(
      400,
      'required',
      `missing mandatory header(s): ${missing.join(', ')}`,
    )
  }
  const client = { clientId: check.token.clientId, profile: check.token.profile }

  if (path === '/$export-poll-status') {
    if (req.method === 'DELETE') return deps.exports.cancel(reply, url, client)
    onlyGet(req)
    return deps.exports.poll(reply, url, client, fhirBase)
  }
  onlyGet(req)
  if (path === '/$export') return deps.exports.kickOff(reply, url, client, fhirBase)
  const file = EXPORT_FILE.exec(path)
  if (file) return deps.exports.download(reply, file[1]!, Number(file[2]), client, fhirBase)

  const [, type, id, extra] = path.split('/')
  if (type === undefined || !TYPES.has(type) || extra !== undefined) {
    throw new SandboxHttpError(404, 'not-supported', `no FHIR endpoint ${path || '/'} here`)
  }
  const resourceType = type as RorResourceType
  if (id !== undefined && id !== '') {
    return runRead(deps.search, reply, resourceType, decodeURIComponent(id), client.profile)
  }
  const query = parseSearch(resourceType, url.searchParams, deps.limits)
  return runSearch(deps.search, reply, query, client.profile, url, fhirBase)
}

function onlyGet(req: IncomingMessage): void {
  if (req.method !== 'GET') {
    throw new SandboxHttpError(405, 'not-supported', `${req.method ?? ''} is not supported here`, {
      Allow: 'GET',
    })
  }
}
