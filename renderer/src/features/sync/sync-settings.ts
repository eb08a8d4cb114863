import type { AccessProfile } from '../../../../core/snapshot/records'

/** Where to sync from. Secrets are never stored in browser mode. */
export interface SyncSettings {
  preset: 'local' | 'ans-sandbox' | 'production' | 'custom'
  fhirBaseUrl: string
  tokenUrl: string
  clientId: string
  profile: AccessProfile
  region: string
}

export const PRESETS: Record<
  Exclude<SyncSettings['preset'], 'custom'>,
  { label: string; fhirBaseUrl: string; tokenUrl: string }
> = {
  local: {
    label: 'Bac à sable local (npm run sandbox)',
    fhirBaseUrl: 'http://127.0.0.1:8090/fhir',
    tokenUrl: 'http://127.0.0.1:8090/auth/token',
  },
  'ans-sandbox': {
    label: 'ROR bac à sable (ANS)',
    fhirBaseUrl: 'https://bas-api-fhir.qualif.ror.esante.gouv.fr/ws-diffusion-fhir',
    tokenUrl:
      'https://bas-auth-api.qualif.ror.esante.gouv.fr/auth/realms/ror/protocol/openid-connect/token',
  },
  production: {
    label: 'ROR production',
    fhirBaseUrl: 'https://api-fhir.ror.esante.gouv.fr/ws-diffusion-fhir',
    tokenUrl: 'https://auth-api.ror.esante.gouv.fr/auth/realms/ror/protocol/openid-connect/token',
  },
}

const KEY = 'ror-hors-ligne:synchronisation'

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  preset: 'local',
  ...PRESETS.local,
  clientId: 'profil-0',
  profile: 0,
  region: '',
}

export function loadSyncSettings(): SyncSettings {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<SyncSettings> | null
    if (!parsed || typeof parsed !== 'object') return DEFAULT_SYNC_SETTINGS
    const profile = Number(parsed.profile)
    return {
      ...DEFAULT_SYNC_SETTINGS,
      ...(typeof parsed.preset === 'string' &&
      (parsed.preset in PRESETS || parsed.preset === 'custom')
        ? { preset: parsed.preset }
        : {}),
      ...(typeof parsed.fhirBaseUrl === 'string' ? { fhirBaseUrl: parsed.fhirBaseUrl } : {}),
      ...(typeof parsed.tokenUrl === 'string' ? { tokenUrl: parsed.tokenUrl } : {}),
      ...(typeof parsed.clientId === 'string' ? { clientId: parsed.clientId } : {}),
      ...(Number.isInteger(profile) && profile >= 0 && profile <= 5
        ? { profile: profile as AccessProfile }
        : {}),
      ...(typeof parsed.region === 'string' ? { region: parsed.region } : {}),
    }
  } catch {
    // Damaged settings: start again from the defaults rather than failing.
    return DEFAULT_SYNC_SETTINGS
  }
}

export function saveSyncSettings(settings: SyncSettings): void {
  localStorage.setItem(KEY, JSON.stringify(settings))
}

/** A server address the sync accepts: https, or http on this machine only. */
export function serverUrlProblem(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `« ${value} » n’est pas une adresse.`
  }
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    return null
  return 'Adresse refusée : https obligatoire (http seulement pour un bac à sable sur ce poste).'
}
