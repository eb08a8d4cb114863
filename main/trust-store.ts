/**
 * CA certificates trusted in addition to the system store (issue 5: « the CA trust store
 * lives in the main process »): a corporate TLS-inspecting proxy, or the IGC-Santé chain on a
 * computer whose system store lacks it. Kept as `trust.json` in the user-data folder — public
 * data, so in clear and not behind `safeStorage` — and handed to the ROR transport's `extraCa`
 * (main/ror-transport.ts, as the CLI's `--ca`) for the sync and the connection test. A file is
 * validated when it is added (main/certificate-info.ts), never at sync time. No `electron`
 * import.
 */
import { readFile, rm } from 'node:fs/promises'
import { z } from 'zod'
import type {
  CertificateSummary,
  ExtraCaInput,
  IpcResultUnion,
  TrustStatus,
} from '../core/ipc/contract'
import { CertificateFileError, parseCaFile } from './certificate-info'
import { writeFileAtomically } from './settings-store'

const fileSchema = z.object({
  version: z.literal(1),
  fileName: z.string(),
  pem: z.string().min(1),
})
type TrustFile = z.infer<typeof fileSchema>
type Stored = TrustFile & { certificates: CertificateSummary[] }

type Failure = { ok: false; error: { code: string; message: string } }

export class TrustStore {
  constructor(private readonly filePath: string) {}

  async status(): Promise<TrustStatus> {
    const file = await this.readFile()
    return { extraCa: file ? { fileName: file.fileName, certificates: file.certificates } : null }
  }

  /** Validates the CA file, then stores it in place of the previous one. */
  async set(input: ExtraCaInput): Promise<IpcResultUnion<TrustStatus>> {
    let pem: string
    try {
      pem = parseCaFile(input.data, input.fileName).pem
    } catch (error) {
      if (error instanceof CertificateFileError) {
        return failure(error.code, `${error.message} Aucune autorité n’a été ajoutée.`)
      }
      throw error
    }
    const file: TrustFile = { version: 1, fileName: input.fileName, pem }
    try {
      await writeFileAtomically(this.filePath, `${JSON.stringify(file)}\n`)
    } catch (error) {
      console.error(`Autorité non enregistrée dans ${this.filePath}`, error)
      return failure(
        'trust-write-failed',
        `« ${input.fileName} » n’a pas pu être enregistré (disque plein ou droits ` +
          'insuffisants). Libérez de la place puis réessayez.',
      )
    }
    return { ok: true, value: await this.status() }
  }

  async clear(): Promise<IpcResultUnion<TrustStatus>> {
    try {
      await rm(this.filePath, { force: true })
    } catch (error) {
      console.error(`${this.filePath} non supprimé`, error)
      return failure(
        'trust-write-failed',
        'L’autorité ajoutée n’a pas pu être retirée (droits insuffisants sur le dossier de ' +
          'l’application). Elle reste utilisée.',
      )
    }
    return { ok: true, value: { extraCa: null } }
  }

  /**
   * The PEM certificates for the transport's `extraCa` (none when nothing was added). Never
   * throws: the sync and the connection test then go on with the system store, and a server
   * only the added CA vouches for is reported as untrusted.
   */
  async extraCa(): Promise<Uint8Array[]> {
    const file = await this.readFile().catch((error: unknown) => {
      console.warn(`${this.filePath} illisible : seul le magasin du système est utilisé`, error)
      return null
    })
    return file ? [new Uint8Array(Buffer.from(file.pem, 'utf8'))] : []
  }

  private async readFile(): Promise<Stored | null> {
    let raw: string
    try {
      raw = await readFile(this.filePath, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null
      throw error
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(raw))
      if (parsed.success) {
        // Parsed again on read: a damaged file must not break every sync with a TLS error.
        const { certificates } = parseCaFile(Buffer.from(parsed.data.pem), parsed.data.fileName)
        return { ...parsed.data, certificates }
      }
    } catch (error) {
      console.warn(`${this.filePath} : contenu illisible`, error)
    }
    console.warn(`${this.filePath} ignoré : seul le magasin du système est utilisé`)
    return null
  }
}

function failure(code: string, message: string): Failure {
  return { ok: false, error: { code, message } }
}
