/**
 * The desktop settings screen as pure functions: the form's fields from the saved settings
 * (core/ipc/settings.ts), back to settings with French problems per field, and the texts it
 * shows about credentials. No zod here (the contract's schema stays in main, which re-checks
 * every `settings:set`): the UI thread bundle stays small.
 */
import type { CredentialsStatus, ServerKind, Settings } from '../../../../core/ipc/contract'
import { isPurgeNeeded } from '../../../../core/snapshot/profile-narrowing'
import type { AccessProfile } from '../../../../core/snapshot/records'
import { PRESETS, serverUrlProblem } from './sync-settings'

/** Server choices, reusing the browser-mode presets (same endpoints as SERVER_PRESETS). */
export const SERVER_CHOICES: Record<
  ServerKind,
  { label: string; fhirBaseUrl?: string; tokenUrl?: string }
> = {
  'ror-production': PRESETS.production,
  'ror-sandbox': PRESETS['ans-sandbox'],
  'local-sandbox': PRESETS.local,
  custom: { label: 'Autre serveur' },
}

export type AgeUnit = 'hours' | 'days'

export interface SettingsForm {
  serverKind: ServerKind
  fhirBaseUrl: string
  tokenUrl: string
  clientId: string
  profile: AccessProfile
  /** TRE_R30 code, '' = France entière. */
  region: string
  dailyEnabled: boolean
  dailyAt: string
  startEnabled: boolean
  startAge: string
  startUnit: AgeUnit
  /** The four `Ror-*` values; all empty = the sandbox defaults. */
  headers: { profilCode: string; profilSystem: string; roleCode: string; roleSystem: string }
}

export type FormField = keyof SettingsForm

export interface FormProblem {
  field: FormField
  message: string
}

const NO_HEADERS = { profilCode: '', profilSystem: '', roleCode: '', roleSystem: '' }

export function formFromSettings(settings: Settings): SettingsForm {
  const hours = settings.schedule.onStartWhenOlderThanHours
  const inDays = hours !== null && hours % 24 === 0
  return {
    serverKind: settings.server.kind,
    fhirBaseUrl: settings.server.fhirBaseUrl,
    tokenUrl: settings.server.tokenUrl,
    clientId: settings.server.clientId,
    profile: settings.accessProfile,
    region: settings.region ?? '',
    dailyEnabled: settings.schedule.daily.enabled,
    dailyAt: settings.schedule.daily.at,
    startEnabled: hours !== null,
    startAge: hours === null ? '24' : String(inDays ? hours / 24 : hours),
    startUnit: inDays ? 'days' : 'hours',
    headers: settings.rorHeaders ? { ...settings.rorHeaders } : { ...NO_HEADERS },
  }
}

/** Picks a server: a known one fills its two addresses, « Autre serveur » keeps them. */
export function withServer(form: SettingsForm, kind: ServerKind): SettingsForm {
  const choice = SERVER_CHOICES[kind]
  if (kind === 'custom' || !choice.fhirBaseUrl || !choice.tokenUrl)
    return { ...form, serverKind: kind }
  return { ...form, serverKind: kind, fhirBaseUrl: choice.fhirBaseUrl, tokenUrl: choice.tokenUrl }
}

const MAX_AGE_HOURS = 24 * 31

/** Settings from the form, or the problems to show next to each field (French). */
export function settingsFromForm(
  form: SettingsForm,
): { ok: true; settings: Settings } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = []
  const url = (field: 'fhirBaseUrl' | 'tokenUrl') => {
    const problem = serverUrlProblem(form[field].trim())
    if (problem) problems.push({ field, message: problem })
  }
  url('fhirBaseUrl')
  url('tokenUrl')
  if (form.clientId.trim().length > 256) {
    problems.push({
      field: 'clientId',
      message: 'Identifiant client trop long (256 caractères au plus).',
    })
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(form.dailyAt)) {
    problems.push({
      field: 'dailyAt',
      message: 'Heure attendue au format HH:MM (par exemple 02:30).',
    })
  }
  let startHours: number | null = null
  if (form.startEnabled) {
    const n = Number(form.startAge)
    startHours = form.startUnit === 'days' ? n * 24 : n
    if (!Number.isInteger(n) || n < 1 || startHours > MAX_AGE_HOURS) {
      problems.push({
        field: 'startAge',
        message: 'Âge attendu : un nombre entier d’heures ou de jours, entre 1 heure et 31 jours.',
      })
    }
  }
  const headers = headersOf(form, problems)
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    settings: {
      server: {
        kind: form.serverKind,
        fhirBaseUrl: form.fhirBaseUrl.trim(),
        tokenUrl: form.tokenUrl.trim(),
        clientId: form.clientId.trim(),
      },
      accessProfile: form.profile,
      region: form.region === '' ? null : form.region,
      ...(headers ? { rorHeaders: headers } : {}),
      schedule: {
        daily: { enabled: form.dailyEnabled, at: form.dailyAt },
        onStartWhenOlderThanHours: startHours,
      },
    },
  }
}

/** All four header values, none (sandbox defaults), or a problem: half a set is refused. */
function headersOf(form: SettingsForm, problems: FormProblem[]): Settings['rorHeaders'] {
  const values = Object.values(form.headers).map((v) => v.trim())
  if (values.every((v) => v === '')) return undefined
  if (values.some((v) => v === '' || !/^[\x20-\x7e]+$/.test(v) || v.length > 256)) {
    problems.push({
      field: 'headers',
      message:
        'Les quatre en-têtes Ror-* vont ensemble : renseignez-les tous (caractères ASCII) ou ' +
        'laissez-les tous vides.',
    })
    return undefined
  }
  const [profilCode, profilSystem, roleCode, roleSystem] = values as [
    string,
    string,
    string,
    string,
  ]
  return { profilCode, profilSystem, roleCode, roleSystem }
}

/**
 * The purge confirmation to ask before saving, or null: when the active snapshot holds data
 * the chosen profile may not see (« lower » is about what a profile sees, not its number).
 */
export function purgeConfirmation(
  activeProfile: AccessProfile | null | undefined,
  profile: AccessProfile,
): string | null {
  if (activeProfile === null || activeProfile === undefined) return null
  if (!isPurgeNeeded(activeProfile, profile)) return null
  return (
    `Les données que le profil ${profile} ne peut pas voir seront supprimées de cet ordinateur ` +
    `(instantané actuel : profil ${activeProfile}).`
  )
}

/** How a profile authenticates (ROR-FHIR-NOTES §5.1). */
export function usesCertificate(profile: AccessProfile): boolean {
  return profile !== 0
}

/** PKCS#12 (DER, starts with a SEQUENCE byte) or PEM (text), from the name then the bytes. */
export function certificateFormat(fileName: string, bytes: Uint8Array): 'pkcs12' | 'pem' | null {
  const name = fileName.toLowerCase()
  if (name.endsWith('.p12') || name.endsWith('.pfx')) return 'pkcs12'
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart()
  if (head.startsWith('-----BEGIN')) return 'pem'
  if (bytes[0] === 0x30) return 'pkcs12'
  return null
}

/** What is stored for the chosen profile, in French (secrets themselves never come back). */
export function credentialsText(status: CredentialsStatus, profile: AccessProfile): string {
  if (!usesCertificate(profile)) {
    return status.hasClientSecret ? 'Secret client enregistré.' : 'Aucun secret client enregistré.'
  }
  const cert = status.certificate
  if (!cert) return 'Aucun certificat enregistré.'
  const format = cert.format === 'pkcs12' ? 'PKCS#12' : 'PEM'
  return `Certificat ${format} enregistré${cert.hasPassphrase ? ', avec son mot de passe' : ''}.`
}

/** A warning about how secrets are protected on this computer, or null. */
export function protectionWarning(status: CredentialsStatus): string | null {
  if (status.protection === 'unavailable') {
    return (
      'Le chiffrement du système n’est pas disponible : aucun secret ne peut être enregistré. ' +
      'Ouvrez une session avec un trousseau de clés actif.'
    )
  }
  if (status.protection === 'weak') {
    return (
      'Aucun trousseau de clés sur cet ordinateur : les secrets sont seulement masqués, pas ' +
      'chiffrés par le système.'
    )
  }
  return null
}
