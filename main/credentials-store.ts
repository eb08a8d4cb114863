/**
 * Secrets for the ROR token endpoint (client secret for profile 0, IGC-Santé certificate for
 * profiles 1–5), encrypted with Electron's `safeStorage` and kept in `credentials.json` in
 * the user-data folder. They never leave the main process: the renderer only learns which
 * secrets are stored ({@link CredentialsStatus}), and for the certificate its holder and
 * validity, read when it is stored (main/certificate-info.ts) and kept in clear — they are
 * public parts of the certificate. A certificate that does not load (wrong passphrase, no key,
 * unreadable file) is refused before anything is written. `safeStorage` is passed in as a
 * {@link SecretCipher} so this module is testable without Electron.
 */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import type {
  CertificateSummary,
  CredentialKind,
  CredentialsInput,
  CredentialsStatus,
  IpcResultUnion,
} from '../core/ipc/contract'
import { CertificateFileError, inspectClientCertificate } from './certificate-info'
import type { ClientCertificate } from './ror-transport'
import { writeFileAtomically } from './settings-store'

/** The part of Electron's `safeStorage` used here. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only in Electron; `basic_text` means a fixed key, i.e. obfuscation. */
  getSelectedStorageBackend?(): string
}

/** Decrypted secrets, for the transport in main only. */
export interface StoredSecrets {
  clientSecret?: string
  certificate?: { format: 'pkcs12' | 'pem'; data: Uint8Array; passphrase?: string }
}

/** The stored certificate as the transport takes it (a PEM file holds the key too). */
export function clientCertificateOf(
  certificate: NonNullable<StoredSecrets['certificate']>,
): ClientCertificate {
  const { format, data, passphrase } = certificate
  const pass = passphrase === undefined ? {} : { passphrase }
  return format === 'pkcs12' ? { format, data, ...pass } : { format, cert: data, ...pass }
}

const encrypted = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)
const summarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
})
const fileSchema = z.object({
  version: z.literal(1),
  clientSecret: encrypted.optional(),
  certificate: z
    .object({
      format: z.enum(['pkcs12', 'pem']),
      data: encrypted,
      passphrase: encrypted.optional(),
      // Public parts, in clear (absent in files written before they were recorded).
      fileName: z.string().optional(),
      summary: summarySchema.optional(),
    })
    .optional(),
})
type CredentialsFile = z.infer<typeof fileSchema>

export class CredentialsStore {
  constructor(
    private readonly filePath: string,
    private readonly cipher: SecretCipher,
    private readonly platform: string,
  ) {}

  protection(): CredentialsStatus['protection'] {
    if (!this.cipher.isEncryptionAvailable()) return 'unavailable'
    const backend =
      this.platform === 'linux' ? this.cipher.getSelectedStorageBackend?.() : undefined
    return backend === 'basic_text' ? 'weak' : 'os'
  }

  async status(): Promise<CredentialsStatus> {
    const file = await this.readFile()
    const cert = file.certificate
    return {
      hasClientSecret: file.clientSecret !== undefined,
      certificate: cert
        ? {
            format: cert.format,
            hasPassphrase: cert.passphrase !== undefined,
            fileName: cert.fileName ?? null,
            summary: cert.summary ?? this.summaryOfStored(file),
          }
        : null,
      protection: this.protection(),
    }
  }

  /** A certificate stored before summaries were recorded: read it again (null if it fails). */
  private summaryOfStored(file: CredentialsFile): CertificateSummary | null {
    try {
      const certificate = this.decryptCertificate(file)
      return certificate ? inspectClientCertificate(clientCertificateOf(certificate), '') : null
    } catch {
      // Undecryptable or no longer loadable: the screen says so and asks for a new import.
      return null
    }
  }

  async set(input: CredentialsInput): Promise<IpcResultUnion<CredentialsStatus>> {
    if (this.protection() === 'unavailable') {
      return failure(
        'encryption-unavailable',
        "Le secret n'a pas été enregistré : le chiffrement du système n'est pas disponible sur " +
          'cet ordinateur (trousseau de clés absent ou verrouillé). Ouvrez votre session avec ' +
          "un trousseau actif, puis réessayez. Aucun secret existant n'a été modifié.",
      )
    }
    const file = await this.readFile()
    if (input.kind === 'client-secret') {
      file.clientSecret = this.encrypt(input.clientSecret)
      return this.save(file)
    }
    const { format, data, passphrase, fileName } = input
    let summary: CertificateSummary
    try {
      const certificate = clientCertificateOf({
        format,
        data,
        ...(passphrase !== undefined ? { passphrase } : {}),
      })
      summary = inspectClientCertificate(certificate, fileName ?? `certificat ${format}`)
    } catch (error) {
      if (error instanceof CertificateFileError) return failure(error.code, error.message)
      throw error
    }
    file.certificate = {
      format,
      data: this.encrypt(Buffer.from(data).toString('base64')),
      ...(passphrase !== undefined ? { passphrase: this.encrypt(passphrase) } : {}),
      ...(fileName !== undefined ? { fileName } : {}),
      summary,
    }
    return this.save(file)
  }

  async clear(kind: CredentialKind): Promise<IpcResultUnion<CredentialsStatus>> {
    const file = await this.readFile()
    if (kind === 'client-secret' || kind === 'all') delete file.clientSecret
    if (kind === 'certificate' || kind === 'all') delete file.certificate
    return this.save(file)
  }

  /** Decrypts the stored secrets (for the ROR transport; never sent to the renderer). */
  async readSecrets(): Promise<StoredSecrets> {
    const file = await this.readFile()
    const secrets: StoredSecrets = {}
    if (file.clientSecret !== undefined) secrets.clientSecret = this.decrypt(file.clientSecret)
    const certificate = this.decryptCertificate(file)
    if (certificate) secrets.certificate = certificate
    return secrets
  }

  private decryptCertificate(file: CredentialsFile): StoredSecrets['certificate'] {
    if (!file.certificate) return undefined
    const { format, data, passphrase } = file.certificate
    return {
      format,
      data: new Uint8Array(Buffer.from(this.decrypt(data), 'base64')),
      ...(passphrase !== undefined ? { passphrase: this.decrypt(passphrase) } : {}),
    }
  }

  private encrypt(plainText: string): string {
    return this.cipher.encryptString(plainText).toString('base64')
  }

  private decrypt(stored: string): string {
    return this.cipher.decryptString(Buffer.from(stored, 'base64'))
  }

  private async readFile(): Promise<CredentialsFile> {
    let raw: string
    try {
      raw = await readFile(this.filePath, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return { version: 1 }
      throw error
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(raw))
      if (parsed.success) return parsed.data
    } catch (error) {
      console.warn(`${this.filePath} : JSON illisible`, error)
    }
    // An unusable file holds nothing we can decrypt: report nothing stored; the next `set`
    // replaces it.
    console.warn(`${this.filePath} ignoré : contenu inattendu`)
    return { version: 1 }
  }

  private async save(file: CredentialsFile): Promise<IpcResultUnion<CredentialsStatus>> {
    try {
      await writeFileAtomically(this.filePath, `${JSON.stringify(file)}\n`)
    } catch (error) {
      console.error(`Secrets non enregistrés dans ${this.filePath}`, error)
      return failure(
        'credentials-write-failed',
        "Les identifiants n'ont pas pu être enregistrés (disque plein ou droits insuffisants). " +
          'Les identifiants précédents restent en vigueur. Libérez de la place puis réessayez.',
      )
    }
    return { ok: true, value: await this.status() }
  }
}

function failure(
  code: string,
  message: string,
): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } }
}
