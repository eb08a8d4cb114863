import { useEffect, useId, useRef, useState } from 'react'
import { ForceFullCheckbox, RegionOptions } from './fields'
import { useQuery } from '@tanstack/react-query'
import type { AccessProfile } from '../../../../core/snapshot/records'
import { engineClient } from '../../engine/client'
import { engineQueries } from '../../engine/queries'
import type { SyncSummary } from '../../engine/protocol'
import { formatCount } from '../../lib/format'
import { usePlatform } from '../../platform/context'
import { DesktopSettings } from './DesktopSettings'
import { DesktopSyncPanel } from './DesktopSyncPanel'
import {
  CONNECTING,
  nextSyncView,
  percentOf,
  RESUMED,
  type BrowserSyncView,
} from './browser-progress'
import { purgeActiveSnapshot } from './purge'
import { changesText, countsLine, formatDuration, resumedText } from './progress-text'
import { PurgeConfirm } from './PurgeConfirm'
import { purgeConfirmation } from './settings-form'
import {
  loadSyncSettings,
  PRESETS,
  saveSyncSettings,
  serverUrlProblem,
  type SyncSettings,
} from './sync-settings'

/**
 * Synchronisation. Browser mode: server, credentials, profile and region; a real progress
 * bar (phase, counts, ETA), cancel, and the result or the error in plain French; the engine
 * worker syncs. Desktop: main syncs (DesktopSyncPanel) with the saved settings
 * (DesktopSettings). In both, the previous snapshot serves searches until the new one is
 * complete and verified, and a profile that sees less purges this computer's copy first.
 */
export function SyncDialog({
  onClose,
  initialSection = 'sync',
}: {
  onClose: () => void
  /** Desktop: open with the settings unfolded. */
  initialSection?: 'sync' | 'settings'
}) {
  const id = useId()
  const platform = usePlatform()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [settings, setSettings] = useState<SyncSettings>(loadSyncSettings)
  const [secret, setSecret] = useState('')
  const [isFull, setFull] = useState(false)
  const [isRunning, setRunning] = useState(false)
  const [{ phase, progress, resumed, notice }, setView] = useState<BrowserSyncView>({
    phase: null,
    progress: null,
  })
  const [result, setResult] = useState<SyncSummary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pendingProfile, setPendingProfile] = useState<AccessProfile | null>(null)
  const engineStatus = useQuery(engineQueries.status()).data
  /** Undefined while the engine has not said (a purge must not be assumed done). */
  const activeProfile = engineStatus ? (engineStatus.manifest?.accessProfile ?? null) : undefined

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  useEffect(
    () => engineClient().onEvent((event) => setView((view) => nextSyncView(view, event))),
    [],
  )

  const update = (patch: Partial<SyncSettings>) => setSettings((s) => ({ ...s, ...patch }))
  /** A profile that sees less than the active snapshot's: ask, then purge this computer's copy. */
  const chooseProfile = (profile: AccessProfile) => {
    if (purgeConfirmation(activeProfile, profile)) setPendingProfile(profile)
    else update({ profile })
  }
  const confirmProfile = async (profile: AccessProfile) => {
    setPendingProfile(null)
    update({ profile })
    saveSyncSettings({ ...settings, profile })
    try {
      await purgeActiveSnapshot(profile)
    } catch (e) {
      setError(
        `La suppression des données hors profil ${profile} a échoué : ${(e as Error).message}`,
      )
    }
  }
  const problem = serverUrlProblem(settings.fhirBaseUrl) ?? serverUrlProblem(settings.tokenUrl)

  const start = async () => {
    if (problem) return
    saveSyncSettings(settings)
    setRunning(true)
    setError(null)
    setResult(null)
    setView(CONNECTING)
    try {
      const summary = await engineClient().send('engine:sync', {
        request: {
          fhirBaseUrl: settings.fhirBaseUrl,
          tokenUrl: settings.tokenUrl,
          clientId: settings.clientId,
          ...(secret ? { clientSecret: secret } : {}),
          profile: settings.profile,
          region: settings.region || null,
          mode: isFull ? 'full' : 'auto',
        },
      })
      setResult(summary)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setRunning(false)
      setView({ phase: null, progress: null })
    }
  }

  const percent = percentOf(progress)

  return (
    <dialog
      ref={dialogRef}
      className="about-dialog sync-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
    >
      <h2 id={`${id}-title`}>Synchronisation</h2>
      {platform.desktop ? (
        <>
          <DesktopSyncPanel desktop={platform.desktop} />
          <details open={initialSection === 'settings'}>
            <summary>Paramètres de synchronisation</summary>
            <DesktopSettings desktop={platform.desktop} activeProfile={activeProfile} />
          </details>
        </>
      ) : (
        <form
          className="search-form"
          onSubmit={(event) => {
            event.preventDefault()
            void start()
          }}
        >
          <label htmlFor={`${id}-preset`}>Serveur</label>
          <select
            id={`${id}-preset`}
            value={settings.preset}
            disabled={isRunning}
            onChange={(event) => {
              const preset = event.target.value as SyncSettings['preset']
              update(preset === 'custom' ? { preset } : { preset, ...PRESETS[preset] })
            }}
          >
            {Object.entries(PRESETS).map(([key, p]) => (
              <option key={key} value={key}>
                {p.label}
              </option>
            ))}
            <option value="custom">Autre serveur</option>
          </select>
          <label htmlFor={`${id}-base`}>Base FHIR</label>
          <input
            id={`${id}-base`}
            value={settings.fhirBaseUrl}
            disabled={isRunning}
            onChange={(e) => update({ preset: 'custom', fhirBaseUrl: e.target.value })}
          />
          <label htmlFor={`${id}-token`}>Adresse du jeton OAuth2</label>
          <input
            id={`${id}-token`}
            value={settings.tokenUrl}
            disabled={isRunning}
            onChange={(e) => update({ preset: 'custom', tokenUrl: e.target.value })}
          />
          {problem && (
            <p className="problem" role="alert">
              {problem}
            </p>
          )}
          <label htmlFor={`${id}-client`}>Identifiant client</label>
          <input
            id={`${id}-client`}
            value={settings.clientId}
            disabled={isRunning}
            onChange={(e) => update({ clientId: e.target.value })}
          />
          <label htmlFor={`${id}-secret`}>Secret client (profil 0)</label>
          <input
            id={`${id}-secret`}
            type="password"
            autoComplete="off"
            value={secret}
            disabled={isRunning}
            onChange={(e) => setSecret(e.target.value)}
          />
          <p className="field-help">Le secret n’est pas enregistré par le navigateur.</p>
          <label htmlFor={`${id}-profile`}>Profil d’accès de l’instantané</label>
          <select
            id={`${id}-profile`}
            value={settings.profile}
            disabled={isRunning}
            onChange={(e) => chooseProfile(Number(e.target.value) as AccessProfile)}
          >
            {[0, 1, 2, 3, 4, 5].map((p) => (
              <option key={p} value={p}>
                Profil {p}
              </option>
            ))}
          </select>
          {pendingProfile !== null && (
            <PurgeConfirm
              message={purgeConfirmation(activeProfile, pendingProfile) ?? ''}
              onConfirm={() => void confirmProfile(pendingProfile)}
              onCancel={() => setPendingProfile(null)}
            />
          )}
          <label htmlFor={`${id}-region`}>Périmètre</label>
          <select
            id={`${id}-region`}
            value={settings.region}
            disabled={isRunning}
            onChange={(e) => update({ region: e.target.value })}
          >
            <RegionOptions />
          </select>
          <ForceFullCheckbox checked={isFull} disabled={isRunning} onChange={setFull} />
          {isRunning ? (
            <button
              type="button"
              className="secondary-button"
              onClick={() => void engineClient().send('engine:syncCancel', {})}
            >
              Annuler
            </button>
          ) : (
            <button type="submit" className="primary-button" disabled={problem !== null}>
              Synchroniser
            </button>
          )}
        </form>
      )}
      {isRunning && (
        <div className="sync-progress" role="status" aria-live="polite">
          <p>{phase}</p>
          {resumed && <p className="field-help">{RESUMED}</p>}
          <progress max={100} value={percent} aria-label="Avancement de la synchronisation" />
          {progress && <p className="field-help">{countsLine(progress)}</p>}
          {notice && <p className="field-help">{notice}</p>}
        </div>
      )}
      {result && (
        <p className="file-result" role="status">
          Synchronisation {result.mode === 'full' ? 'complète' : 'différentielle'} terminée en{' '}
          {formatDuration(result.durationMs)} : {formatCount(result.offers)} offres.
          {result.changes ? ` ${changesText(result.changes)}` : ''}
          {result.resumedUnits > 0 ? ` ${resumedText(result.resumedUnits)}` : ''}
          {result.fullReasonText ? ` ${result.fullReasonText}` : ''}
        </p>
      )}
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      <form method="dialog">
        <button type="submit" className="secondary-button">
          Fermer
        </button>
      </form>
    </dialog>
  )
}
