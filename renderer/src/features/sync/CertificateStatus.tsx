import type { CredentialsStatus, TrustStatus } from '../../../../core/ipc/contract'
import { caLine, caWarning, certificateLine, clientCertificateWarning } from './certificate-text'

/**
 * The stored IGC-Santé certificate as main read it: holder, validity, issuer, and a visible
 * warning when it has expired or expires within a month (the ROR then refuses the connection).
 */
export function ClientCertificateStatus({
  certificate,
  now,
}: {
  certificate: NonNullable<CredentialsStatus['certificate']>
  now: number
}) {
  const { summary, fileName } = certificate
  const file = fileName ? ` « ${fileName} »` : ''
  if (!summary) {
    return (
      <p className="problem" role="alert">
        Le certificat enregistré{file} ne peut plus être lu : importez-le à nouveau, avec son mot de
        passe.
      </p>
    )
  }
  const warning = clientCertificateWarning(summary, now)
  return (
    <>
      <p>{certificateLine(summary)}.</p>
      <p className="field-help">
        Émis par {summary.issuer}
        {fileName ? `, fichier « ${fileName} »` : ''}.
      </p>
      {warning && (
        <p className="problem" role="alert">
          {warning}
        </p>
      )}
    </>
  )
}

/** The extra trusted CA file and each certificate in it, with their validity. */
export function ExtraCaList({
  extraCa,
  now,
}: {
  extraCa: NonNullable<TrustStatus['extraCa']>
  now: number
}) {
  const plural = extraCa.certificates.length > 1 ? 's' : ''
  return (
    <>
      <p role="status">
        {`Autorité${plural} approuvée${plural} en plus de celles du système ` +
          `(fichier « ${extraCa.fileName} ») :`}
      </p>
      <ul>
        {extraCa.certificates.map((certificate, i) => {
          const warning = caWarning(certificate, now)
          return (
            <li key={`${i}-${certificate.subject}`}>
              {caLine(certificate)}
              {warning && <strong className="problem"> {warning}</strong>}
            </li>
          )
        })}
      </ul>
    </>
  )
}
