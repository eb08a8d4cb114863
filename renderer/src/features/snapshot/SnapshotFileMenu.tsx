import { useRef, useState } from 'react'
import { engineClient } from '../../engine/client'
import { downloadBytes } from './download'

/**
 * Snapshot files, for air-gapped sites: one machine syncs and exports, the others import.
 * An import is verified (checksums, counts) before it replaces the active snapshot.
 */
export function SnapshotFileMenu() {
  const input = useRef<HTMLInputElement>(null)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [isBusy, setBusy] = useState(false)

  const importFile = async (file: File) => {
    setBusy(true)
    setMessage(null)
    try {
      const bytes = await file.arrayBuffer()
      const status = await engineClient().send(
        'engine:importSnapshot',
        { bytes, fileName: file.name },
        [bytes],
      )
      setMessage({
        kind: 'ok',
        text: `Instantané « ${file.name} » chargé : ${status.offerCount} offres.`,
      })
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message })
    } finally {
      setBusy(false)
      if (input.current) input.current.value = ''
    }
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
        accept=".rorsnap,.snap,application/octet-stream"
        aria-label="Fichier d’instantané à importer"
        className="sr-only"
        onChange={(event) => {
          const file = event.target.files?.[0]
          if (file) void importFile(file)
        }}
      />
      <button
        type="button"
        className="link-button"
        disabled={isBusy}
        onClick={() => input.current?.click()}
      >
        Importer un instantané
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
