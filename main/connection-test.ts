/**
 * « Tester la connexion » (settings screen): with the saved settings and the stored secrets,
 * asks the token endpoint for a token, then makes one small authenticated FHIR search with the
 * four `Ror-*` headers (`HealthcareService?_count=1`, ROR-FHIR-NOTES §5.1–5.2) through the
 * sync's own client, so what passes here is what a sync will do. Few retries: the user waits.
 * No `electron` import.
 */
import type { IpcResultUnion, Settings } from '../core/ipc/contract'
import { describeError } from '../core/sync/errors'
import { DEFAULT_ROR_HEADERS, RorClient } from '../core/sync/ror-client'
import type { RetryPolicy } from '../core/sync/retry'
import { TokenProvider } from '../core/sync/token'
import { readText, type HttpTransport } from '../core/sync/transport'
import type { StoredSecrets } from './credentials-store'
import type { NodeTransportOptions } from './ror-transport'
import { credentialsFor } from './sync-service'

export interface ConnectionTestResult {
  /** French summary for the settings screen. */
  message: string
  /** `Bundle.total` of the probe search, when the server gives it. */
  total?: number
}

export interface ConnectionTestDeps {
  transport: (options: NodeTransportOptions) => HttpTransport & { close(): void }
  extraCa?: () => Promise<Uint8Array[]>
  retry?: RetryPolicy
}

const QUICK_RETRY: RetryPolicy = {
  maxAttempts: 2,
  baseDelayMs: 500,
  maxDelayMs: 2_000,
  maxRetryAfterMs: 5_000,
}

/** Strips the sync-specific ending (« L’instantané précédent est conservé… »): nothing ran. */
function withoutSnapshotNote(message: string): string {
  return message.replace(/\s*L’instantané précédent est conservé et reste utilisable\.$/, '')
}

export async function testConnection(
  settings: Settings,
  secrets: StoredSecrets,
  deps: ConnectionTestDeps,
): Promise<IpcResultUnion<ConnectionTestResult>> {
  const config = credentialsFor(settings, secrets)
  if (!config.ok) return config
  const transport = deps.transport({
    ...(config.certificate ? { clientCertificate: config.certificate } : {}),
    extraCa: (await deps.extraCa?.()) ?? [],
  })
  const retry = deps.retry ?? QUICK_RETRY
  try {
    const tokens = new TokenProvider({
      tokenUrl: settings.server.tokenUrl,
      clientId: settings.server.clientId,
      ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
      usesCertificate: config.certificate !== undefined,
      transport,
      retry,
    })
    await tokens.get()
    const client = new RorClient({
      transport,
      tokens,
      headers: settings.rorHeaders ?? DEFAULT_ROR_HEADERS,
      retry,
    })
    const base = settings.server.fhirBaseUrl.replace(/\/+$/, '')
    const response = await client.send(`${base}/HealthcareService?_count=1`)
    const body = await readText(response, 4 * 1024 * 1024)
    if (response.status !== 200) {
      return failure(
        'bad-response',
        `Jeton obtenu, mais le serveur FHIR répond « ${response.status} » à une recherche ` +
          'd’offres. Vérifiez l’adresse de la base FHIR et les en-têtes Ror-* fournis à ' +
          'l’inscription.',
      )
    }
    const total = totalOf(body)
    return {
      ok: true,
      value: {
        message:
          `Connexion réussie avec le profil ${settings.accessProfile} : jeton obtenu et ` +
          `recherche acceptée${total === undefined ? '' : ` (${total.toLocaleString('fr-FR')} offres visibles)`}.`,
        ...(total === undefined ? {} : { total }),
      },
    }
  } catch (error) {
    const { code, message } = describeError(error)
    return failure(code, withoutSnapshotNote(message))
  } finally {
    transport.close()
  }
}

function totalOf(body: string): number | undefined {
  try {
    const total = (JSON.parse(body) as { total?: unknown }).total
    return typeof total === 'number' ? total : undefined
  } catch {
    return undefined
  }
}

function failure(
  code: string,
  message: string,
): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } }
}
