import { useEffect, useId, useState } from 'react'
import { ForceFullCheckbox } from './fields'
import type { SyncOutcome, SyncProgress } from '../../../../core/ipc/contract'
import { formatBytes } from '../../../../core/sync/errors'
import type { DesktopApi } from '../../platform/types'
import { outcomeText, percentOf, progressLine } from './progress-text'

/**
 * Desktop sync panel: main runs the sync (secrets and network stay there) and reports through
 * `sync:*` events; this shows a real progress bar (phase, counts, ETA), cancel, and the last
 * result or error in plain French. The previous snapshot serves searches until the new one
 * is complete, verified and handed to the renderer's storage.
 */
export function DesktopSyncPanel({ desktop }: { desktop: DesktopApi }) {
  const id = useId()
  const [isRunning, setRunning] = useState(false)
  const [progress, setProgress] = useState<SyncProgress | null>(null)
  const [last, setLast] = useState<SyncOutcome | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [isFull, setFull] = useState(false)

  useEffect(() => {
    let isCurrent = true
    void desktop.getSyncStatus().then((status) => {
      if (!isCurrent) return
      setLast(status.last)
      setRunning(status.state === 'running')
      if (status.state === 'running') setProgress(status.progress)
    })
    const stop = desktop.onEvent((event) => {
      if (event.type === 'sync:progress') {
        setRunning(true)
        setProgress(event.progress)
      } else if (event.type === 'sync:finished') {
        setRunning(false)
        setProgress(null)
        setLast(event.outcome)
      } else {
        setProblem(
          `Espace disque insuffisant : ${formatBytes(event.bytesNeeded)} nécessaires` +
            (event.bytesAvailable === undefined
              ? '.'
              : `, ${formatBytes(event.bytesAvailable)} disponibles.`),
        )
      }
    })
    return () => {
      isCurrent = false
      stop()
    }
  }, [desktop])

  const start = async () => {
    setProblem(null)
    const started = await desktop.startSync({ mode: isFull ? 'full' : 'auto' })
    if (!started.ok) {
      setProblem(started.error.message)
      return
    }
    setRunning(true)
    setProgress({ phase: 'prepare', message: 'Connexion au serveur…' })
  }

  const percent = percentOf(progress)
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Synchroniser maintenant</h3>
      <ForceFullCheckbox checked={isFull} disabled={isRunning} onChange={setFull} />
      <p className="field-help">
        Sinon, une mise à jour différentielle quand c’est possible ; le ROR demande au moins une
        synchronisation complète par semaine, faite automatiquement.
      </p>
      {isRunning ? (
        <button
          type="button"
          className="secondary-button"
          onClick={() => void desktop.cancelSync()}
        >
          Annuler la synchronisation
        </button>
      ) : (
        <button type="button" className="primary-button" onClick={() => void start()}>
          Synchroniser
        </button>
      )}
      {isRunning && progress && (
        <div className="sync-progress" role="status" aria-live="polite">
          <progress
            max={100}
            value={percent}
            aria-label="Avancement de la synchronisation"
            aria-valuetext={progressLine(progress)}
          />
          <p>{progressLine(progress)}</p>
          {progress.message && <p className="field-help">{progress.message}</p>}
        </div>
      )}
      {last && !isRunning && (
        <p className={last.ok ? 'file-result' : 'problem'} role={last.ok ? 'status' : 'alert'}>
          {outcomeText(last)}
        </p>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  )
}
