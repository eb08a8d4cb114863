/**
 * Non-secret settings, kept as `settings.json` in the user-data folder. The file is parsed
 * with the contract's schema when read back (a hand edit or a newer version may have
 * changed it); an unusable file is set aside, never silently overwritten, and the user is
 * told. Writes are atomic: a crash leaves either the old or the new file, not half of one.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { DEFAULT_SETTINGS, settingsSchema } from '../core/ipc/contract'
import type { IpcResultUnion, Settings, StoredSettings } from '../core/ipc/contract'

const FORMAT_VERSION = 1
const fileSchema = z.object({ version: z.literal(FORMAT_VERSION), settings: settingsSchema })

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Writes `content` next to `filePath` then renames over it (atomic on one file system). */
export async function writeFileAtomically(filePath: string, content: string): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true })
  const temporary = `${filePath}.${process.pid}.tmp`
  await writeFile(temporary, content, { encoding: 'utf8', mode: 0o600 })
  await rename(temporary, filePath)
}

export class SettingsStore {
  constructor(private readonly filePath: string) {}

  /** The stored settings, or the defaults with a French notice when the file was unusable. */
  async read(): Promise<StoredSettings> {
    let raw: string
    try {
      raw = await readFile(this.filePath, 'utf8')
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { settings: DEFAULT_SETTINGS, notice: null }
      throw error
    }
    const parsed = this.parse(raw)
    if (parsed) return { settings: parsed, notice: null }
    const asideName = `${path.basename(this.filePath, '.json')}.illisible-${Date.now()}.json`
    await rename(this.filePath, path.join(path.dirname(this.filePath), asideName))
    return {
      settings: DEFAULT_SETTINGS,
      notice:
        'Vos réglages enregistrés étaient illisibles : les réglages par défaut sont utilisés. ' +
        `L'ancien fichier est conservé sous le nom « ${asideName} ». Vérifiez le serveur, le ` +
        "profil d'accès et la planification dans les réglages.",
    }
  }

  private parse(raw: string): Settings | null {
    try {
      const result = fileSchema.safeParse(JSON.parse(raw))
      return result.success ? result.data.settings : null
    } catch {
      // JSON.parse failure: same outcome as a schema failure, handled by the caller.
      return null
    }
  }

  /** Saves settings already validated by the IPC layer. */
  async write(settings: Settings): Promise<IpcResultUnion<Settings>> {
    try {
      const content = JSON.stringify({ version: FORMAT_VERSION, settings }, null, 2)
      await writeFileAtomically(this.filePath, `${content}\n`)
      return { ok: true, value: settings }
    } catch (error) {
      console.error(`Réglages non enregistrés dans ${this.filePath}`, error)
      const isDiskFull = errorCode(error) === 'ENOSPC'
      return {
        ok: false,
        error: {
          code: isDiskFull ? 'disk-full' : 'settings-write-failed',
          message:
            (isDiskFull
              ? "Les réglages n'ont pas été enregistrés : le disque est plein."
              : "Les réglages n'ont pas pu être enregistrés.") +
            ' Les réglages précédents restent en vigueur. Libérez de la place ou vérifiez les ' +
            `droits sur le dossier ${path.dirname(this.filePath)}, puis réessayez.`,
        },
      }
    }
  }
}
