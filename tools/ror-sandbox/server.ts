/**
 * The local ROR sandbox: a `node:http` (or `node:https` with client certificates) server that
 * serves a generated store through the ROR consumer API contract (ROR-FHIR-NOTES §5).
 * `startSandbox` is what tests and `main.ts` call.
 */
import { readFileSync } from 'node:fs'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { applyCors } from './cors'
import type { AddressInfo } from 'node:net'
import type { GeneratedStore, Scale, ScaleCounts } from '../generate/store-types'
import type { AccessProfile } from '../../core/snapshot/records'
import { AccessView, type AccessPolicyFn } from './access'
import { handleAdmin, StatsService } from './admin'
import { TokenService } from './auth'
import { loadOrGenerateCerts, type SandboxCerts } from './certs'
import { ExportService } from './export'
import { ExportCache } from './export-cache'
import { FaultInjector, type FaultSpec } from './faults'
import { handleFhir, type FhirDeps } from './fhir-routes'
import { SandboxHttpError, sendOutcome } from './http-util'
import { faultPreamble } from './reply'
import { handleTokenRequest } from './token-endpoint'
import { UpdatedIndex } from './updated-index'
import { startWarmUp, type WarmUp } from './warm-up'

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number
  host?: string
  /** A store already open (tests); otherwise one is opened from scale / seed / cacheDir. */
  store?: GeneratedStore
  scale?: Scale | ScaleCounts
  seed?: number
  cacheDir?: string
  onProgress?: (phase: string, done: number, total: number) => void
  tokenLifetimeSec?: number
  clientSecret?: string
  /** Serve HTTPS and require client certificates for profiles 1–5 (certificates in certsDir). */
  mtls?: { certsDir: string; p12Password?: string }
  faults?: FaultSpec
  /**
   * `false`: `_lastUpdated` searches scan every resource of the type, as before the index
   * (updated-index.ts); tests compare both. Default true.
   */
  searchIndex?: boolean
  /** The ROR truncates every search at 10,000 results; tests lower it. */
  resultCap?: number
  defaultCount?: number
  maxCount?: number
  exportFileSize?: number
  exportDelayMs?: number
  /** Folder of the `$export` output file cache (export-cache.ts); files are rendered live without it. */
  exportCacheDir?: string
  /**
   * Prepare the search indexes between requests after start (warm-up.ts), so that the first
   * queries do not pay for them. Default false (tests build them when first needed).
   */
  warmUp?: boolean
  /**
   * Folder where the access policy's offer facts are kept (offer-facts-cache.ts): loaded on
   * start, completed and saved in the background. Without it they are learnt as queries need
   * them.
   */
  offerFactsCacheDir?: string
  /** Profiles whose national export files are rendered into the cache before listening. */
  prerenderExport?: readonly AccessProfile[]
  onPrerender?: (profile: AccessProfile, file: number, total: number) => void
  /** Replaces the real access policy (only for experiments; the default is core/ror). */
  accessPolicy?: AccessPolicyFn
}

export interface Sandbox {
  /** Origin, e.g. http://127.0.0.1:8090 */
  url: string
  tokenUrl: string
  fhirBase: string
  store: GeneratedStore
  certs?: SandboxCerts
  /** The background preparation (with `warmUp` or `offerFactsCacheDir`). */
  warmUp?: WarmUp
  setFaults(spec: FaultSpec): void
  close(): Promise<void>
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

/** `/auth/token`, and the ROR's Keycloak path so a client can keep the production layout. */
const TOKEN_PATHS = new Set(['/auth/token', '/auth/realms/ror/protocol/openid-connect/token'])

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server.address() as AddressInfo)
    })
  })
}

function createServer(handler: Handler, certs?: SandboxCerts): Server {
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (applyCors(req, res)) return
    handler(req, res).catch((error: unknown) => answerError(res, error))
  }
  if (!certs) return createHttpServer(onRequest)
  return createHttpsServer(
    {
      key: readFileSync(certs.serverKeyPath),
      cert: readFileSync(certs.serverCertPath),
      ca: readFileSync(certs.caCertPath),
      // Profile 0 authenticates with a secret only, so a certificate is asked, not demanded;
      // the token endpoint checks it for profiles 1–5.
      requestCert: true,
      rejectUnauthorized: false,
    },
    onRequest,
  )
}

function answerError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    // Too late for a status: cut the connection so the client sees a broken body, not a
    // silently short one.
    res.destroy()
    return
  }
  if (error instanceof SandboxHttpError) {
    sendOutcome(res, error.status, error.code, error.message, error.headers)
    return
  }
  process.stderr.write(`ror-sandbox: internal error: ${String((error as Error)?.stack ?? error)}\n`)
  sendOutcome(res, 500, 'exception', `internal sandbox error: ${String(error)}`)
}

/** Loads the generator only when it is needed (tests that pass a store never load it). */
async function openGeneratedStore(options: SandboxOptions): Promise<GeneratedStore> {
  const { openStore } = await import('../generate/store')
  return openStore({
    scale: options.scale ?? 'demo',
    seed: options.seed ?? 1,
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  })
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const store = options.store ?? (await openGeneratedStore(options))
  const certs = options.mtls
    ? loadOrGenerateCerts(options.mtls.certsDir, options.mtls.p12Password)
    : undefined
  const access = new AccessView(store, options.accessPolicy)
  const faults = new FaultInjector(options.faults ?? {})
  const stats = new StatsService(store, access)
  const tokens = new TokenService(options.tokenLifetimeSec ?? 300, 'ror-sandbox')
  const exportCache = options.exportCacheDir
    ? new ExportCache(options.exportCacheDir, store)
    : undefined
  const exports = new ExportService(store, access, {
    fileSize: options.exportFileSize ?? 5000,
    delayMs: options.exportDelayMs ?? 2000,
    ...(exportCache ? { cache: exportCache } : {}),
  })
  for (const profile of options.prerenderExport ?? []) {
    await exports.prerender(profile, (n, total) => options.onPrerender?.(profile, n, total))
  }
  const limits = { defaultCount: options.defaultCount ?? 200, maxCount: options.maxCount ?? 1000 }
  const updated = options.searchIndex === false ? undefined : new UpdatedIndex(store)
  const warmUp =
    options.warmUp || options.offerFactsCacheDir
      ? await startWarmUp({
          store,
          access,
          ...(options.warmUp && updated ? { updated } : {}),
          ...(options.offerFactsCacheDir ? { factsDir: options.offerFactsCacheDir } : {}),
        })
      : undefined
  const search = {
    store,
    access,
    resultCap: options.resultCap ?? 10_000,
    ...(updated ? { updated } : {}),
  }
  const scheme = certs ? 'https' : 'http'
  let origin = ''
  const fhirDeps = (): FhirDeps => ({
    tokens,
    faults,
    exports,
    search,
    limits,
    tokenUrl: `${origin}/auth/token`,
  })

  const handler: Handler = async (req, res) => {
    // Links in bundles use the host the client called, so they work through localhost too.
    const base = req.headers.host ? `${scheme}://${req.headers.host}` : origin
    const url = new URL(req.url ?? '/', base)
    if (url.pathname.startsWith('/$sandbox/')) {
      const route = url.pathname.slice('/$sandbox/'.length)
      return handleAdmin(req, res, route, {
        store,
        access,
        faults,
        stats,
        onMutate: (summary) => {
          updated?.mutated(summary)
          exportCache?.mutated()
        },
      })
    }
    const reply = await faultPreamble(res, url.pathname, faults)
    if (!reply) return
    if (TOKEN_PATHS.has(url.pathname)) {
      return handleTokenRequest(req, res, tokens, {
        clientSecret: options.clientSecret ?? 'sandbox',
        mtls: certs !== undefined,
      })
    }
    if (url.pathname === '/fhir' || url.pathname.startsWith('/fhir/')) {
      return handleFhir(req, reply, url, `${base}/fhir`, fhirDeps())
    }
    throw new SandboxHttpError(404, 'not-found', `nothing at ${url.pathname} (FHIR base is /fhir)`)
  }

  const server = createServer(handler, certs)
  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1')
  origin = `${scheme}://${address.address}:${address.port}`
  return {
    url: origin,
    tokenUrl: `${origin}/auth/token`,
    fhirBase: `${origin}/fhir`,
    store,
    ...(certs ? { certs } : {}),
    ...(warmUp ? { warmUp } : {}),
    setFaults: (spec) => faults.set(spec),
    close: async () => {
      await warmUp?.stop()
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      await exportCache?.close()
    },
  }
}
