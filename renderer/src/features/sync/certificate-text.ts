/**
 * What the settings screen says about a certificate main has read (core/ipc/contract.ts
 * CertificateSummary: holder, issuer, validity — never the key): the IGC-Santé client
 * certificate of profiles 1–5 (ROR-FHIR-NOTES §5.1) and the extra trusted CAs. An expired
 * certificate makes the ROR refuse the connection, so the screen warns a month ahead.
 */
import type { CertificateSummary } from '../../../../core/ipc/contract'
import { formatDate } from '../../lib/format'

/** How long before its end a certificate is flagged (time to get a new one from the ANS). */
export const EXPIRY_WARNING_DAYS = 30

const DAY_MS = 24 * 3600_000

/** « Certificat : <CN>, valable jusqu’au <date> ». */
export function certificateLine(summary: CertificateSummary): string {
  return `Certificat : ${summary.subject}, valable jusqu’au ${formatDate(summary.notAfter)}`
}

/** One line per CA certificate of the extra trust file. */
export function caLine(summary: CertificateSummary): string {
  return `${summary.subject}, valable jusqu’au ${formatDate(summary.notAfter)}`
}

export type Validity =
  | { state: 'valid' }
  | { state: 'expiring'; days: number }
  | { state: 'expired' }
  | { state: 'not-yet-valid' }

/** Where `now` falls in the certificate's validity. */
export function validityOf(summary: CertificateSummary, now: number): Validity {
  const notAfter = Date.parse(summary.notAfter)
  const notBefore = Date.parse(summary.notBefore)
  if (!(now < notAfter)) return { state: 'expired' }
  if (now < notBefore) return { state: 'not-yet-valid' }
  const days = Math.ceil((notAfter - now) / DAY_MS)
  return days <= EXPIRY_WARNING_DAYS ? { state: 'expiring', days } : { state: 'valid' }
}

/**
 * The warning to show for the client certificate, or null while it is valid for more than
 * {@link EXPIRY_WARNING_DAYS} days.
 */
export function clientCertificateWarning(summary: CertificateSummary, now: number): string | null {
  const validity = validityOf(summary, now)
  const end = formatDate(summary.notAfter)
  switch (validity.state) {
    case 'valid':
      return null
    case 'expired':
      return (
        `Ce certificat a expiré le ${end} : le ROR refusera la connexion. Demandez un ` +
        'nouveau certificat IGC-Santé, puis importez-le ici.'
      )
    case 'not-yet-valid':
      return (
        `Ce certificat n’est valable qu’à partir du ${formatDate(summary.notBefore)} : ` +
        'le ROR refusera la connexion d’ici là. Vérifiez aussi la date de cet ordinateur.'
      )
    case 'expiring':
      return (
        `Ce certificat expire dans ${validity.days} jour${validity.days > 1 ? 's' : ''}, le ` +
        `${end} : demandez dès maintenant son renouvellement (IGC-Santé), puis importez le ` +
        'nouveau certificat ici avant cette date.'
      )
  }
}

/** The warning for an extra trusted CA, or null (an expired CA no longer vouches for anyone). */
export function caWarning(summary: CertificateSummary, now: number): string | null {
  const validity = validityOf(summary, now)
  if (validity.state === 'expired') {
    return `« ${summary.subject} » a expiré le ${formatDate(summary.notAfter)} : remplacez ce fichier.`
  }
  if (validity.state === 'expiring') {
    return (
      `« ${summary.subject} » expire dans ${validity.days} jour${validity.days > 1 ? 's' : ''}` +
      ` (le ${formatDate(summary.notAfter)}) : prévoyez son remplacement.`
    )
  }
  return null
}
