import { useRef, useState } from 'react'
import type { AccessProfile } from '../../../../core/snapshot/records'
import { engineClient } from '../../engine/client'
import { usePlatform } from '../../platform/context'
import type { Platform } from '../../platform/types'
import { loadSyncSettings } from '../sync/sync-settings'
import { downloadBytes } from './download'
import { formatCount } from '../../lib/format'

/** « 1 offre », « 400 407 offres ». */
function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

const SNAPSHOT_MAGIC = 'RORSNAP\n'

/** Whether `file` starts like a snapshot file (core/snapshot/codec.ts), not FHIR JSON. */
async function isSnapshotFile(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, SNAPSHOT_MAGIC.length).arrayBuffer())
  return new TextDecoder().decode(head) === SNAPSHOT_MAGIC
}

/** The access profile the user configured (sync settings), applied to imported FHIR files. */
async function configuredProfile(platform: Platform): Promise<AccessProfile> {
  if (platform.desktop) return (await platform.desktop.getSettings()).settings.accessProfile
  return loadSyncSettings().profile
}

/**
 * Snapshot files, for air-gapped sites: one machine syncs and exports, the others import.
 * An import is verified (checksums, counts) before it replaces the active snapshot.
 */
export function SnapshotFileMenu() {
  const platform = usePlatform()
  const input = useRef<HTMLInputElement>(null)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [isBusy, setBusy] = useState(false)

  const importFiles = async (files: File[]) => {
    setBusy(true)
    setMessage(null)
    try {
      const snapshots = await Promise.all(files.map(isSnapshotFile))
      const [file] = files
      if (!file) return
      if (snapshots.some(Boolean)) {
        if (files.length > 1) {
          throw new Error(
            'Choisissez un seul fichier d’instantané (.rorsnap), ou bien les fichiers FHIR d’un $export.',
          )
        }
        await importSnapshot(file)
      } else {
        await importFhir(files)
      }
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message })
    } finally {
      setBusy(false)
      if (input.current) input.current.value = ''
    }
  }

  const importFhir = async (files: File[]) => {
    const profile = await configuredProfile(platform)
    const result = await engineClient().send('engine:importFhir', { files, profile })
    const skipped =
      result.skipped > 0
        ? ` ${plural(result.skipped, 'élément ignoré', 'éléments ignorés')}` +
          (result.reasons[0] ? ` (par exemple : ${result.reasons[0].message})` : '') +
          '.'
        : ''
    setMessage({
      kind: 'ok',
      text:
        `${plural(files.length, 'fichier FHIR importé', 'fichiers FHIR importés')} pour le ` +
        `profil ${profile} : ${plural(result.status.offerCount, 'offre', 'offres')}.${skipped}`,
    })
  }

  const importSnapshot = async (file: File) => {
    const bytes = await file.arrayBuffer()
    const status = await engineClient().send(
      'engine:importSnapshot',
      { bytes, fileName: file.name },
      [bytes],
    )
    setMessage({
      kind: 'ok',
      text: `Instantané « ${file.name} » chargé : ${plural(status.offerCount, 'offre', 'offres')}.`,
    })
  }

  const exportFile = async () => {
    setBusy(true)
    setMessage(null)
    try {
      const bytes = await engineClient().send('engine:exportSnapshot', {})
      downloadBytes(`instantane-ror-${new Date().toISOString().slice(0, 10)}.rorsnap`, bytes)
    } catch (e) {
      setMessage({ kind: 'error', text: `Export impossible : ${(e as Error).message}` })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="file-menu">
      <input
        ref={input}
        type="file"
        accept=".rorsnap,.snap,.ndjson,.jsonl,.json,application/octet-stream,application/fhir+ndjson"
        multiple
        aria-label="Fichier d’instantané à importer"
        className="sr-only"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])]
          if (files.length > 0) void importFiles(files)
        }}
      />
      <button
        type="button"
        className="link-button"
        disabled={isBusy}
        title="Un fichier d’instantané (.rorsnap), ou les fichiers FHIR d’un $export du ROR (NDJSON, Bundles)"
        onClick={() => input.current?.click()}
      >
        Importer…
      </button>
      <button
        type="button"
        className="link-button"
        disabled={isBusy}
        onClick={() => void exportFile()}
      >
        Exporter l’instantané
      </button>
      {message && (
        <p
          className={message.kind === 'ok' ? 'file-message' : 'file-message is-error'}
          role={message.kind === 'ok' ? 'status' : 'alert'}
        >
          {message.text}
          <button
            type="button"
            className="link-like"
            aria-label="Fermer le message"
            onClick={() => setMessage(null)}
          >
            ×
          </button>
        </p>
      )}
    </div>
  )
}
