import { useEffect, useId, useState, type ReactNode } from 'react'
import { RegionOptions } from './fields'
import type { ServerKind } from '../../../../core/ipc/contract'
import type { AccessProfile } from '../../../../core/snapshot/records'
import type { DesktopApi } from '../../platform/types'
import { CredentialsFields } from './CredentialsFields'
import { ExtraCaFields } from './ExtraCaFields'
import { confirmPurged, purgeActiveSnapshot } from './purge'
import { PurgeConfirm } from './PurgeConfirm'
import {
  formFromSettings,
  purgeConfirmation,
  SERVER_CHOICES,
  settingsFromForm,
  withServer,
  type FormField,
  type FormProblem,
  type SettingsForm,
} from './settings-form'

/**
 * Desktop settings (issue 5): server, client id, credentials, extra trusted CAs, access
 * profile, region scope, schedule, `Ror-*` headers, and « Tester la connexion » (with the saved
 * settings). Lowering the profile below the active snapshot's asks first, then purges this
 * computer's copy and tells main, which recorded the change as pending until then.
 */
export function DesktopSettings({
  desktop,
  activeProfile,
}: {
  desktop: DesktopApi
  /** The profile of this computer's snapshot; null without one, undefined until known. */
  activeProfile: AccessProfile | null | undefined
}) {
  const id = useId()
  const [form, setForm] = useState<SettingsForm | null>(null)
  const [isDirty, setDirty] = useState(false)
  const [problems, setProblems] = useState<FormProblem[]>([])
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)
  const [confirm, setConfirm] = useState<string | null>(null)
  const [test, setTest] = useState<{ ok: boolean; text: string } | 'running' | null>(null)

  useEffect(() => {
    void desktop.getSettings().then((stored) => {
      setForm(formFromSettings(stored.settings))
      if (stored.notice) setNotice({ ok: false, text: stored.notice })
    })
  }, [desktop])

  if (!form) return <p role="status">Chargement des paramètres…</p>

  const update = (next: SettingsForm) => {
    setForm(next)
    setDirty(true)
    setNotice(null)
  }
  const problemOf = (field: FormField) => problems.find((p) => p.field === field)?.message
  const field = (name: FormField, label: string, input: (props: FieldProps) => ReactNode) => {
    const problem = problemOf(name)
    const fieldId = `${id}-${name}`
    return (
      <>
        <label htmlFor={fieldId}>{label}</label>
        {input({
          id: fieldId,
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': problem ? `${fieldId}-problem` : undefined,
        })}
        {problem && (
          <p id={`${fieldId}-problem`} className="problem">
            {problem}
          </p>
        )}
      </>
    )
  }

  const save = async (confirmed: boolean) => {
    const result = settingsFromForm(form)
    if (!result.ok) {
      setProblems(result.problems)
      return
    }
    setProblems([])
    const warning = purgeConfirmation(activeProfile, form.profile)
    if (warning && !confirmed) {
      setConfirm(warning)
      return
    }
    setConfirm(null)
    const saved = await desktop.setSettings(result.settings)
    if (!saved.ok) {
      setNotice({ ok: false, text: saved.error.message })
      return
    }
    setDirty(false)
    if (!warning) {
      // This computer's copy (when known) is within the new profile: nothing left pending.
      if (activeProfile !== undefined) await confirmPurged(desktop, form.profile)
      setNotice({ ok: true, text: 'Paramètres enregistrés.' })
      return
    }
    try {
      await purgeActiveSnapshot(form.profile)
      await confirmPurged(desktop, form.profile)
      setNotice({
        ok: true,
        text: `Paramètres enregistrés ; données hors profil ${form.profile} supprimées.`,
      })
    } catch (error) {
      setNotice({
        ok: false,
        text: `Paramètres enregistrés, mais la suppression des données locales a échoué : ${(error as Error).message}`,
      })
    }
  }

  const runTest = async () => {
    setTest('running')
    const result = await desktop.testConnection()
    setTest(
      result.ok
        ? { ok: true, text: result.value.message }
        : { ok: false, text: result.error.message },
    )
  }

  const isCustom = form.serverKind === 'custom'
  return (
    <form
      className="search-form"
      aria-label="Paramètres de synchronisation"
      onSubmit={(event) => {
        event.preventDefault()
        void save(false)
      }}
    >
      {field('serverKind', 'Serveur', (p) => (
        <select
          {...p}
          value={form.serverKind}
          onChange={(e) => update(withServer(form, e.target.value as ServerKind))}
        >
          {(Object.keys(SERVER_CHOICES) as ServerKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {SERVER_CHOICES[kind].label}
            </option>
          ))}
        </select>
      ))}
      {field('fhirBaseUrl', 'Base FHIR', (p) => (
        <input
          {...p}
          value={form.fhirBaseUrl}
          readOnly={!isCustom}
          onChange={(e) => update({ ...form, fhirBaseUrl: e.target.value })}
        />
      ))}
      {field('tokenUrl', 'Adresse du jeton OAuth2', (p) => (
        <input
          {...p}
          value={form.tokenUrl}
          readOnly={!isCustom}
          onChange={(e) => update({ ...form, tokenUrl: e.target.value })}
        />
      ))}
      {field('clientId', 'Identifiant client (fourni par l’équipe du ROR)', (p) => (
        <input
          {...p}
          value={form.clientId}
          autoComplete="off"
          onChange={(e) => update({ ...form, clientId: e.target.value })}
        />
      ))}
      {field('profile', 'Profil d’accès', (p) => (
        <select
          {...p}
          value={form.profile}
          onChange={(e) => update({ ...form, profile: Number(e.target.value) as AccessProfile })}
        >
          {[0, 1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              Profil {n}
            </option>
          ))}
        </select>
      ))}
      <CredentialsFields desktop={desktop} profile={form.profile} />
      <ExtraCaFields desktop={desktop} />
      {field('region', 'Périmètre', (p) => (
        <select
          {...p}
          value={form.region}
          onChange={(e) => update({ ...form, region: e.target.value })}
        >
          <RegionOptions />
        </select>
      ))}
      <ScheduleFields form={form} update={update} field={field} />
      <details>
        <summary>En-têtes Ror-* (fournis à l’inscription)</summary>
        {(['profilCode', 'profilSystem', 'roleCode', 'roleSystem'] as const).map((key) => (
          <label key={key}>
            {HEADER_LABELS[key]}
            <input
              value={form.headers[key]}
              onChange={(e) =>
                update({ ...form, headers: { ...form.headers, [key]: e.target.value } })
              }
            />
          </label>
        ))}
        <p className="field-help">Vides : valeurs acceptées par le bac à sable local.</p>
        {problemOf('headers') && <p className="problem">{problemOf('headers')}</p>}
      </details>
      {confirm && (
        <PurgeConfirm
          message={confirm}
          onConfirm={() => void save(true)}
          onCancel={() => setConfirm(null)}
        />
      )}
      <button type="submit" className="primary-button">
        Enregistrer les paramètres
      </button>
      <button
        type="button"
        className="secondary-button"
        disabled={isDirty || test === 'running'}
        onClick={() => void runTest()}
      >
        Tester la connexion
      </button>
      {isDirty && (
        <p className="field-help">
          Le test utilise les paramètres enregistrés : enregistrez d’abord.
        </p>
      )}
      {test === 'running' && <p role="status">Test de la connexion…</p>}
      {test && test !== 'running' && (
        <p className={test.ok ? 'file-result' : 'problem'} role={test.ok ? 'status' : 'alert'}>
          {test.text}
        </p>
      )}
      {notice && (
        <p className={notice.ok ? 'file-result' : 'problem'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
    </form>
  )
}

const HEADER_LABELS = {
  profilCode: 'Ror-Profil-Utilisateur-Code',
  profilSystem: 'Ror-Profil-Utilisateur-System',
  roleCode: 'Ror-Role-Metier-Code',
  roleSystem: 'Ror-Role-Metier-System',
}

interface FieldProps {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

type FieldFn = (
  name: FormField,
  label: string,
  input: (props: FieldProps) => ReactNode,
) => ReactNode

function ScheduleFields({
  form,
  update,
  field,
}: {
  form: SettingsForm
  update: (next: SettingsForm) => void
  field: FieldFn
}) {
  return (
    <fieldset>
      <legend>Planification</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.dailyEnabled}
          onChange={(e) => update({ ...form, dailyEnabled: e.target.checked })}
        />
        Synchroniser chaque jour
      </label>
      {field('dailyAt', 'à l’heure', (p) => (
        <input
          {...p}
          type="time"
          value={form.dailyAt}
          disabled={!form.dailyEnabled}
          onChange={(e) => update({ ...form, dailyAt: e.target.value })}
        />
      ))}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.startEnabled}
          onChange={(e) => update({ ...form, startEnabled: e.target.checked })}
        />
        Synchroniser au démarrage quand l’instantané a plus de
      </label>
      {field('startAge', 'Âge de l’instantané', (p) => (
        <input
          {...p}
          type="number"
          min={1}
          inputMode="numeric"
          value={form.startAge}
          disabled={!form.startEnabled}
          onChange={(e) => update({ ...form, startAge: e.target.value })}
        />
      ))}
      <select
        aria-label="Unité de l’âge"
        value={form.startUnit}
        disabled={!form.startEnabled}
        onChange={(e) =>
          update({ ...form, startUnit: e.target.value as SettingsForm['startUnit'] })
        }
      >
        <option value="hours">heures</option>
        <option value="days">jours</option>
      </select>
    </fieldset>
  )
}
