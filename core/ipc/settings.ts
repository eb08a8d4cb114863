/**
 * Non-secret settings of the desktop app: which ROR server to sync from, with which client id
 * and access profile, over which region, on which schedule. They cross IPC in both
 * directions and are stored by main as a JSON file, so the schema here is applied to every
 * `settings:set` argument and to the file when it is read back.
 *
 * Secrets (client secret, certificate, passphrase) are never part of these settings: they go
 * through `credentials:set` and stay in the main process (ROR-FHIR-NOTES §5.1).
 */
import { z } from 'zod'
import { isAcceptableServerUrl } from '../security/url-trust'

/** Where snapshots come from; every kind but `custom` has fixed endpoints. */
export const SERVER_KINDS = ['ror-production', 'ror-sandbox', 'local-sandbox', 'custom'] as const
export type ServerKind = (typeof SERVER_KINDS)[number]

/** Endpoints of the known servers (ROR-FHIR-NOTES §5.1; the local one is tools/ror-sandbox). */
export const SERVER_PRESETS: Readonly<
  Record<Exclude<ServerKind, 'custom'>, { fhirBaseUrl: string; tokenUrl: string }>
> = {
  'ror-production': {
    fhirBaseUrl: 'https://api-fhir.ror.esante.gouv.fr/ws-diffusion-fhir',
    tokenUrl: 'https://auth-api.ror.esante.gouv.fr/auth/realms/ror/protocol/openid-connect/token',
  },
  'ror-sandbox': {
    fhirBaseUrl: 'https://bas-api-fhir.qualif.ror.esante.gouv.fr/ws-diffusion-fhir',
    tokenUrl:
      'https://bas-auth-api.qualif.ror.esante.gouv.fr/auth/realms/ror/protocol/openid-connect/token',
  },
  'local-sandbox': {
    fhirBaseUrl: 'http://127.0.0.1:8090/fhir',
    tokenUrl: 'http://127.0.0.1:8090/auth/token',
  },
}

const serverUrlSchema = z.string().max(2048).refine(isAcceptableServerUrl, {
  message: 'adresse refusée : https obligatoire (http seulement sur 127.0.0.1 / localhost)',
})

/** `HH:MM`, 24-hour clock, local time. */
const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM')

/** One header value: printable ASCII, as HTTP headers need. */
const headerValueSchema = z
  .string()
  .trim()
  .min(1, 'valeur obligatoire')
  .max(256)
  .regex(/^[\x20-\x7e]+$/, 'caractères ASCII imprimables seulement')

export const settingsSchema = z
  .object({
    server: z
      .object({
        kind: z.enum(SERVER_KINDS),
        fhirBaseUrl: serverUrlSchema,
        tokenUrl: serverUrlSchema,
        /** Issued by the ROR team at onboarding; empty until the user enters it. */
        clientId: z.string().trim().max(256),
      })
      .strict(),
    /** Access profile 0–5 of the consumer (ROR-FHIR-NOTES §4.1). */
    accessProfile: z.union([
      z.literal(0),
      z.literal(1),
      z.literal(2),
      z.literal(3),
      z.literal(4),
      z.literal(5),
    ]),
    /** Source region scope, a TRE_R30 code (`meta.tag` codeRegion); null = national. */
    region: z
      .string()
      .regex(/^\d{2}$/, 'code de région TRE_R30 attendu (2 chiffres)')
      .nullable(),
    /**
     * The four `Ror-*` header values given at onboarding (ROR-FHIR-NOTES §5.1); absent = the
     * values the local sandbox accepts (core/sync/ror-client.ts DEFAULT_ROR_HEADERS).
     */
    rorHeaders: z
      .object({
        profilCode: headerValueSchema,
        profilSystem: headerValueSchema,
        roleCode: headerValueSchema,
        roleSystem: headerValueSchema,
      })
      .strict()
      .optional(),
    schedule: z
      .object({
        daily: z.object({ enabled: z.boolean(), at: timeOfDaySchema }).strict(),
        /** Sync at start-up when the active snapshot is older than this; null = never. */
        onStartWhenOlderThanHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 31)
          .nullable(),
      })
      .strict(),
  })
  .strict()

export type Settings = z.infer<typeof settingsSchema>

/** First-run settings: production server, public profile, nothing scheduled. */
export const DEFAULT_SETTINGS: Settings = {
  server: { kind: 'ror-production', ...SERVER_PRESETS['ror-production'], clientId: '' },
  accessProfile: 0,
  region: null,
  schedule: { daily: { enabled: false, at: '02:00' }, onStartWhenOlderThanHours: null },
}
