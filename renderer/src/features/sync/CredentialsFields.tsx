import { useId, useRef, useState } from 'react'
import type { AccessProfile } from '../../../../core/snapshot/records'
import type { DesktopApi } from '../../platform/types'
import { ClientCertificateStatus } from './CertificateStatus'
import { MainMessage, useMainStatus } from './fields'
import {
  certificateFormat,
  credentialsText,
  protectionWarning,
  usesCertificate,
} from './settings-form'

/**
 * Secret (profile 0) or IGC-Santé certificate (profiles 1–5, PKCS#12 or PEM + passphrase).
 * Each secret goes to main at once through `credentials:set` and the field is emptied: the
 * renderer never keeps it, and only learns what is stored (ROR-FHIR-NOTES §5.1) — for the
 * certificate, its holder and validity, which main reads when it checks the file.
 */
export function CredentialsFields({
  desktop,
  profile,
}: {
  desktop: DesktopApi
  profile: AccessProfile
}) {
  const id = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const [secret, setSecret] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const { status, message, setMessage, apply } = useMainStatus(desktop.getCredentialsStatus)
  const [now] = useState(() => Date.now())

  const saveSecret = async () => {
    const value = secret
    setSecret('')
    if (value === '') return
    apply(
      await desktop.setCredentials({ kind: 'client-secret', clientSecret: value }),
      'Secret enregistré.',
    )
  }

  const saveCertificate = async () => {
    const input = fileRef.current
    const file = input?.files?.[0]
    const pass = passphrase
    setPassphrase('')
    if (!input || !file) {
      setMessage({ ok: false, text: 'Choisissez d’abord le fichier du certificat.' })
      return
    }
    const data = new Uint8Array(await file.arrayBuffer())
    input.value = ''
    const format = certificateFormat(file.name, data)
    if (!format) {
      setMessage({
        ok: false,
        text: `« ${file.name} » n’est ni un fichier PKCS#12 (.p12, .pfx) ni un PEM.`,
      })
      return
    }
    apply(
      await desktop.setCredentials({
        kind: 'certificate',
        format,
        data,
        fileName: file.name.slice(0, 255),
        ...(pass === '' ? {} : { passphrase: pass }),
      }),
      'Certificat enregistré.',
    )
  }

  const warning = status ? protectionWarning(status) : null
  return (
    <fieldset>
      <legend>Authentification</legend>
      {status && <p role="status">{credentialsText(status, profile)}</p>}
      {warning && <p className="problem">{warning}</p>}
      {usesCertificate(profile) ? (
        <>
          {status?.certificate && (
            <ClientCertificateStatus certificate={status.certificate} now={now} />
          )}
          <label htmlFor={`${id}-cert`}>Certificat IGC-Santé (PKCS#12 ou PEM avec sa clé)</label>
          <input id={`${id}-cert`} ref={fileRef} type="file" accept=".p12,.pfx,.pem,.crt,.key" />
          <label htmlFor={`${id}-pass`}>Mot de passe du certificat</label>
          <input
            id={`${id}-pass`}
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <button type="button" className="secondary-button" onClick={() => void saveCertificate()}>
            Enregistrer le certificat
          </button>
          {status?.certificate && (
            <button
              type="button"
              className="secondary-button"
              onClick={() =>
                void desktop
                  .clearCredentials('certificate')
                  .then((r) => apply(r, 'Certificat supprimé.'))
              }
            >
              Supprimer le certificat
            </button>
          )}
        </>
      ) : (
        <>
          <label htmlFor={`${id}-secret`}>Secret client (profil 0)</label>
          <input
            id={`${id}-secret`}
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
          <button
            type="button"
            className="secondary-button"
            disabled={secret === ''}
            onClick={() => void saveSecret()}
          >
            Enregistrer le secret
          </button>
          {status?.hasClientSecret && (
            <button
              type="button"
              className="secondary-button"
              onClick={() =>
                void desktop
                  .clearCredentials('client-secret')
                  .then((r) => apply(r, 'Secret supprimé.'))
              }
            >
              Supprimer le secret
            </button>
          )}
        </>
      )}
      <p className="field-help">
        Les secrets sont chiffrés par le système et restent dans le processus principal de
        l’application ; cet écran ne les relit jamais.
      </p>
      <MainMessage message={message} />
    </fieldset>
  )
}
