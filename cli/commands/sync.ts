/** `sync`: update a snapshot file from the ROR (or the local sandbox) — full or delta. */
import { readFile } from 'node:fs/promises'
import { REGION_CODES } from '../../core/sync/delta-plan'
import { runSync, type SyncOptions, type SyncResult } from '../../core/sync/engine'
import { describeError, SyncError } from '../../core/sync/errors'
import { fullReasonText } from '../../core/sync/mode'
import { DEFAULT_ROR_HEADERS, type RorHeaders } from '../../core/sync/ror-client'
import { NodeHttpTransport, type ClientCertificate } from '../../main/ror-transport'
import { FileSnapshotStore, FileStateStore } from '../../main/sync-files'
import { SyncWorkerPool } from '../../main/sync-workers'
import { parse, parseProfile } from '../lib/args'
import { CliError, EXIT_USAGE, say, type CliIo, type Command } from '../lib/command'
import { backgroundCommuneCentroids } from '../lib/communes'
import { ProgressPrinter } from '../lib/sync-progress'
import { acquireSyncLock, SyncLockedError } from '../lib/sync-lock'

const USAGE = `Usage: sync --server <fhir base> --token-url <url> --client-id <id>
            [--client-secret <s> | --cert <p12|pem> [--key <pem>] [--cert-pass <p>]]
            --profile <0-5> [--region <code>] [--full] --out <snapshot>
            [--ca <pem>] [--ror-profil-code CU20 --ror-profil-system 1.2.250.1.213.1.6.1.66
             --ror-role-code AUTOMATE --ror-role-system 1.2.250.1.213.1.1.4.6]

Updates the snapshot file from the ROR FHIR API: a delta (_lastUpdated since the last sync)
when possible, a full $export otherwise — at least once a week, as the ROR requires (the reason
is printed). The file is replaced atomically; on failure it is left untouched. An interrupted
sync resumes where it stopped (state kept in <snapshot>.sync/); one sync at a time per file
(<snapshot>.lock). Progress goes to stderr, a JSON summary to stdout. Exit codes: 0 done,
1 failed, 2 usage, 3 credentials or certificate refused, 4 server unreachable or busy, 5 disk
full, 6 another sync is updating the file, 130 interrupted.
  --server        FHIR base, e.g. http://127.0.0.1:8090/fhir
  --token-url     OAuth2 token endpoint (client credentials)
  --client-id     client id issued by the ROR team (sandbox: profil-0 … profil-5)
  --client-secret secret (profile 0)
  --cert          client certificate for mutual TLS (profiles 1–5): PKCS#12 (.p12/.pfx) or PEM
  --key           PEM private key when not in the --cert file
  --cert-pass     password of the PKCS#12 file or of the key
  --ca            extra trusted CA certificate (PEM), added to the system store
  --profile       ROR access profile of the snapshot (0–5)
  --region        source region scope (TRE_R30 code, e.g. 84); national when absent
  --full          force a full sync
  --out           snapshot file to create or update
  --communes      commune gazetteer for the commune-centroid fallback
  --ror-*         the four Ror-* headers given at onboarding (defaults accepted by the sandbox)
  --page-size     _count of delta pages (default 200, the ROR's page size; the server may serve fewer)`

const OPTIONS = {
  server: { type: 'string' },
  'token-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  'cert-pass': { type: 'string' },
  ca: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  full: { type: 'boolean' },
  out: { type: 'string' },
  communes: { type: 'string' },
  'ror-profil-code': { type: 'string' },
  'ror-profil-system': { type: 'string' },
  'ror-role-code': { type: 'string' },
  'ror-role-system': { type: 'string' },
  'page-size': { type: 'string' },
} as const

type Values = ReturnType<typeof parse<typeof OPTIONS>>['values']

function required(values: Values, name: 'server' | 'token-url' | 'client-id' | 'out'): string {
  const value = values[name]
  if (!value) throw new CliError(`--${name} is required.\n\n${USAGE}`, EXIT_USAGE)
  return value
}

async function readCertificate(values: Values): Promise<ClientCertificate | undefined> {
  if (!values.cert) {
    if (values.key) throw new CliError('--key needs --cert.', EXIT_USAGE)
    return undefined
  }
  const read = async (path: string) => {
    try {
      return await readFile(path)
    } catch (e) {
      throw new CliError(`Cannot read "${path}": ${(e as NodeJS.ErrnoException).code ?? e}.`)
    }
  }
  const data = await read(values.cert)
  const pass = values['cert-pass'] === undefined ? {} : { passphrase: values['cert-pass'] }
  const isPem = data.subarray(0, 2048).toString('latin1').includes('-----BEGIN')
  if (!isPem) return { format: 'pkcs12', data, ...pass }
  return {
    format: 'pem',
    cert: data,
    ...(values.key ? { key: await read(values.key) } : {}),
    ...pass,
  }
}

function rorHeaders(values: Values): RorHeaders {
  return {
    profilCode: values['ror-profil-code'] ?? DEFAULT_ROR_HEADERS.profilCode,
    profilSystem: values['ror-profil-system'] ?? DEFAULT_ROR_HEADERS.profilSystem,
    roleCode: values['ror-role-code'] ?? DEFAULT_ROR_HEADERS.roleCode,
    roleSystem: values['ror-role-system'] ?? DEFAULT_ROR_HEADERS.roleSystem,
  }
}

/** Says why on stderr, the JSON summary of a failure on stdout; the exit code. */
function failed(error: unknown, out: string, io: CliIo): number {
  const { code, message } =
    error instanceof SyncLockedError
      ? { code: 'locked', message: error.message }
      : describeError(error)
  say(io.stderr, `error: ${message}`)
  say(
    io.stdout,
    JSON.stringify({ ok: false, out, error: { code, message }, previousSnapshotKept: true }),
  )
  return exitCodeOf(error)
}

function exitCodeOf(error: unknown): number {
  const code = error instanceof SyncError ? error.code : ''
  if (['auth-failed', 'certificate-refused', 'server-certificate-untrusted'].includes(code))
    return 3
  if (['server-unreachable', 'server-busy'].includes(code)) return 4
  if (code === 'quota-exceeded') return 5
  if (error instanceof SyncLockedError) return 6
  if (code === 'cancelled') return 130
  return 1
}

function summary(result: SyncResult, out: string) {
  const m = result.manifest
  return {
    ok: true,
    out,
    mode: result.mode,
    fullReason: result.fullReason,
    ...(result.fullReason ? { fullReasonText: fullReasonText(result.fullReason) } : {}),
    profile: m.accessProfile,
    region: m.source.region ?? null,
    counts: m.counts,
    ...(result.changes ? { changes: result.changes } : {}),
    skipped: m.skipped.count,
    hiddenByProfile: m.hiddenByProfile,
    lastSyncStart: m.sync?.lastSyncStart,
    lastFullSync: m.sync?.lastFullSync,
    units: result.units,
    resumedUnits: result.resumedUnits,
    bytes: result.bytes,
    requests: result.requests,
    retries: result.retries,
    seconds: result.durationMs / 1000,
  }
}

/** Checks the options and builds what `runSync` needs (the transport is the caller's to close). */
async function syncOptions(
  values: Values,
  io: CliIo,
): Promise<SyncOptions & { transport: NodeHttpTransport; out: string }> {
  const profile = parseProfile(values.profile, USAGE)
  const [server, tokenUrl, clientId, out] = (
    ['server', 'token-url', 'client-id', 'out'] as const
  ).map((n) => required(values, n)) as [string, string, string, string]
  if (values.region !== undefined && !REGION_CODES.includes(values.region)) {
    throw new CliError(
      `Unknown region "${values.region}": use a TRE_R30 code (${REGION_CODES.join(', ')}).`,
      EXIT_USAGE,
    )
  }
  const certificate = await readCertificate(values)
  const secret = values['client-secret']
  if (!certificate && secret === undefined) {
    throw new CliError(
      `Give --client-secret (profile 0) or --cert (profiles 1–5).\n\n${USAGE}`,
      EXIT_USAGE,
    )
  }
  const pageSize = values['page-size'] === undefined ? undefined : Number(values['page-size'])
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) {
    throw new CliError(`--page-size must be a positive integer.`, EXIT_USAGE)
  }
  const extraCa = values.ca ? [await readFile(values.ca)] : []
  const communeCentroid = backgroundCommuneCentroids(values.communes, (warning) =>
    say(io.stderr, `warning: ${warning}`),
  )
  return {
    out,
    server: {
      fhirBase: server,
      tokenUrl,
      clientId,
      ...(secret === undefined ? {} : { clientSecret: secret }),
      usesCertificate: certificate !== undefined,
    },
    profile,
    region: values.region ?? null,
    mode: values.full ? 'full' : 'auto',
    rorHeaders: rorHeaders(values),
    transport: new NodeHttpTransport({
      ...(certificate ? { clientCertificate: certificate } : {}),
      extraCa,
    }),
    store: new FileSnapshotStore(out),
    state: new FileStateStore(`${out}.sync`),
    communeCentroid,
    ...(pageSize === undefined ? {} : { pageSize }),
  }
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'update a snapshot file from the ROR API ($export full sync or _lastUpdated delta)',
  usage: USAGE,
  async run(args, io) {
    const { values } = parse(args, OPTIONS, USAGE)
    const options = await syncOptions(values, io)
    const { out, transport } = options
    let unlock: () => Promise<void>
    try {
      unlock = await acquireSyncLock(out)
    } catch (error) {
      transport.close()
      return failed(error, out, io)
    }
    // SIGINT / SIGTERM cancel cleanly: the previous snapshot stays, the next run resumes.
    const controller = new AbortController()
    const stop = () => controller.abort()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    const printer = new ProgressPrinter(io.stderr)
    // Export files and delta pages are parsed and mapped in worker threads (one per core); run
    // from its bundle (cli/run.mjs), the CLI starts the bundled worker next to it.
    const bundled = import.meta.url.endsWith('.mjs')
    const workers = new SyncWorkerPool(
      bundled ? { workerUrl: new URL('./sync-worker.mjs', import.meta.url) } : {},
    )
    try {
      const result = await runSync({
        ...options,
        unitProcessor: workers,
        signal: controller.signal,
        onEvent: (e) => printer.event(e),
      })
      printer.done(result)
      say(io.stdout, JSON.stringify(summary(result, out)))
      return 0
    } catch (error) {
      return failed(error, out, io)
    } finally {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      transport.close()
      await workers.close()
      await unlock()
    }
  },
}
