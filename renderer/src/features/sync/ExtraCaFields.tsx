import { useId, useRef, useState } from 'react'
import type { DesktopApi } from '../../platform/types'
import { ExtraCaList } from './CertificateStatus'
import { MainMessage, useMainStatus } from './fields'

/**
 * A CA certificate trusted in addition to the system's (a proxy that inspects HTTPS, the
 * IGC-Santé chain): main checks the file when it is added (`trust:setCa`) and uses it for the
 * sync and the connection test (main/trust-store.ts).
 */
export function ExtraCaFields({ desktop }: { desktop: DesktopApi }) {
  const id = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const [now] = useState(() => Date.now())
  const { status, message, setMessage, apply } = useMainStatus(desktop.getTrustStatus)

  const add = async () => {
    const input = fileRef.current
    const file = input?.files?.[0]
    if (!input || !file) {
      setMessage({ ok: false, text: 'Choisissez d’abord le fichier de l’autorité (PEM).' })
      return
    }
    const data = new Uint8Array(await file.arrayBuffer())
    input.value = ''
    apply(
      await desktop.setExtraCa({ fileName: file.name.slice(0, 255), data }),
      `« ${file.name} » ajouté : utilisé dès la prochaine synchronisation.`,
    )
  }

  const extraCa = status?.extraCa ?? null
  return (
    <fieldset>
      <legend>Autorités de certification supplémentaires</legend>
      <p className="field-help">
        Pour un proxy d’établissement qui inspecte le trafic HTTPS, ou une chaîne IGC-Santé absente
        du système : le certificat de l’autorité (PEM) est approuvé en plus de ceux du système, pour
        la synchronisation et le test de connexion.
      </p>
      {status &&
        (extraCa ? (
          <ExtraCaList extraCa={extraCa} now={now} />
        ) : (
          <p role="status">Aucune : seules les autorités du système sont approuvées.</p>
        ))}
      <label htmlFor={`${id}-ca`}>Certificat de l’autorité (PEM)</label>
      <input id={`${id}-ca`} ref={fileRef} type="file" accept=".pem,.crt,.cer" />
      <button type="button" className="secondary-button" onClick={() => void add()}>
        {extraCa ? 'Remplacer l’autorité' : 'Ajouter l’autorité'}
      </button>
      {extraCa && (
        <button
          type="button"
          className="secondary-button"
          onClick={() =>
            void desktop
              .clearExtraCa()
              .then((r) => apply(r, 'Autorité retirée : seules celles du système sont approuvées.'))
          }
        >
          Retirer l’autorité
        </button>
      )}
      <MainMessage message={message} />
    </fieldset>
  )
}
