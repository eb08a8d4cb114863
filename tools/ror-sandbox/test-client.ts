/**
 * Test support for the sandbox tests: a raw HTTP(S) client (so tests see resets, truncated
 * bodies and TLS client certificates exactly), token and paging helpers, and an independent
 * oracle of what each profile may see, computed with the model's own `buildAccessContext` over
 * the whole store rather than with the sandbox's caches.
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest, type RequestOptions } from 'node:https'
import { applyAccessPolicy, buildAccessContext } from '../../core/ror/access-policy'
import type { Resource } from '../../core/ror/fhir-types'
import type { AccessProfile } from '../../core/snapshot/records'
import type { GeneratedStore, RorResourceType } from '../generate/store-types'

export const ROR_TEST_HEADERS = {
  'Ror-Profil-Utilisateur-Code': 'CU20',
  'Ror-Profil-Utilisateur-System': '1.2.250.1.213.1.6.1.66',
  'Ror-Role-Metier-Code': 'AUTOMATE',
  'Ror-Role-Metier-System': '1.2.250.1.213.1.1.4.6',
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  elapsedMs: number
}

export interface RawRequest {
  method?: string
  headers?: Record<string, string>
  body?: string
  /** TLS client options (key/cert/ca/pfx/passphrase) for https URLs. */
  tls?: Pick<RequestOptions, 'key' | 'cert' | 'ca' | 'pfx' | 'passphrase'>
}

/** One request; rejects when the connection breaks before the body is complete. */
export function raw(url: string, options: RawRequest = {}): Promise<RawResponse> {
  const started = Date.now()
  const target = new URL(url)
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        agent: false,
        ...(options.tls ?? {}),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('aborted', () => reject(new Error('response aborted')))
        res.on('end', () => {
          if (!res.complete) return reject(new Error('response incomplete'))
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            elapsedMs: Date.now() - started,
          })
        })
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

export async function getToken(
  tokenUrl: string,
  clientId: string,
  /** null: no client_secret (a certificate authenticates the client). */
  secret: string | null = 'sandbox',
  tls?: RawRequest['tls'],
): Promise<string> {
  const form: Record<string, string> = { grant_type: 'client_credentials', client_id: clientId }
  if (secret !== null) form.client_secret = secret
  const res = await raw(tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    ...(tls ? { tls } : {}),
  })
  if (res.status !== 200) throw new Error(`token ${clientId}: ${res.status} ${res.body}`)
  return (JSON.parse(res.body) as { access_token: string }).access_token
}

/** GET with bearer token and the four ROR headers; JSON-parses the body. */
export async function fhirGet<T = Record<string, unknown>>(
  url: string,
  token: string,
  extra: RawRequest = {},
): Promise<RawResponse & { json: T }> {
  const res = await raw(url, {
    ...extra,
    headers: { Authorization: `Bearer ${token}`, ...ROR_TEST_HEADERS, ...(extra.headers ?? {}) },
  })
  return { ...res, json: (res.body === '' ? {} : JSON.parse(res.body)) as T }
}

export interface BundleEntry {
  fullUrl?: string
  resource: Resource
  search?: { mode?: string }
}

export interface SearchBundle {
  resourceType: 'Bundle'
  type: string
  total?: number
  link?: Array<{ relation: string; url: string }>
  entry?: BundleEntry[]
}

/** Follows `next` links to the end; returns every page. */
export async function allPages(firstUrl: string, token: string): Promise<SearchBundle[]> {
  const pages: SearchBundle[] = []
  let url: string | undefined = firstUrl
  while (url) {
    const res: RawResponse & { json: SearchBundle } = await fhirGet<SearchBundle>(url, token)
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.body}`)
    pages.push(res.json)
    url = res.json.link?.find((l) => l.relation === 'next')?.url
  }
  return pages
}

/** Every resource of the store, materialised. */
export function materialiseAll(store: GeneratedStore, type: RorResourceType): Resource[] {
  return store.ids(type).map((id) => store.get(type, id) as unknown as Resource)
}

/**
 * What each profile may see, by the model's policy with a context built from the whole store:
 * the reference against which the sandbox's answers are checked. Build it after the last
 * mutation of the store.
 */
export function makeOracle(store: GeneratedStore) {
  const ctx = buildAccessContext([
    ...materialiseAll(store, 'HealthcareService'),
    ...materialiseAll(store, 'Organization'),
    ...materialiseAll(store, 'PractitionerRole'),
  ])
  const memo = new Map<string, Resource[]>()
  return (type: RorResourceType, profile: AccessProfile): Resource[] => {
    const key = `${type}/${profile}`
    let visible = memo.get(key)
    if (!visible) {
      visible = materialiseAll(store, type).flatMap(
        (r) => applyAccessPolicy(r, profile, ctx).resource ?? [],
      )
      memo.set(key, visible)
    }
    return visible
  }
}
