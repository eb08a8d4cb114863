import { describe, expect, it } from 'vitest'
import type { CertificateSummary } from '../../../../core/ipc/contract'
import {
  EXPIRY_WARNING_DAYS,
  caWarning,
  certificateLine,
  clientCertificateWarning,
  validityOf,
} from './certificate-text'

const DAY = 24 * 3600_000
const summary: CertificateSummary = {
  subject: 'Hôpital Saint-Éloi — cadre de garde',
  issuer: 'AC IGC-Santé ELEMENTAIRE ORGANISATIONS',
  notBefore: '2026-03-01T12:00:00.000Z',
  notAfter: '2029-02-28T12:00:00.000Z',
}
const end = Date.parse(summary.notAfter)

describe('certificate texts', () => {
  it('names the holder and the last day of validity', () => {
    expect(certificateLine(summary)).toBe(
      'Certificat : Hôpital Saint-Éloi — cadre de garde, valable jusqu’au 28 février 2029',
    )
  })

  it('flags a certificate from 30 days before its end', () => {
    expect(validityOf(summary, end - (EXPIRY_WARNING_DAYS + 1) * DAY)).toEqual({ state: 'valid' })
    expect(validityOf(summary, end - EXPIRY_WARNING_DAYS * DAY)).toEqual({
      state: 'expiring',
      days: 30,
    })
    expect(validityOf(summary, end - 1000)).toEqual({ state: 'expiring', days: 1 })
    expect(validityOf(summary, end)).toEqual({ state: 'expired' })
    expect(validityOf(summary, Date.parse(summary.notBefore) - 1)).toEqual({
      state: 'not-yet-valid',
    })
  })

  it('warns in French, with the date and what to do', () => {
    expect(clientCertificateWarning(summary, end - 40 * DAY)).toBeNull()
    expect(clientCertificateWarning(summary, end - 12 * DAY)).toBe(
      'Ce certificat expire dans 12 jours, le 28 février 2029 : demandez dès maintenant son ' +
        'renouvellement (IGC-Santé), puis importez le nouveau certificat ici avant cette date.',
    )
    expect(clientCertificateWarning(summary, end - 3 * 3600_000)).toMatch(
      /^Ce certificat expire dans 1 jour, le/,
    )
    expect(clientCertificateWarning(summary, end + DAY)).toBe(
      'Ce certificat a expiré le 28 février 2029 : le ROR refusera la connexion. Demandez un ' +
        'nouveau certificat IGC-Santé, puis importez-le ici.',
    )
    expect(clientCertificateWarning(summary, Date.parse('2026-01-01'))).toMatch(
      /^Ce certificat n’est valable qu’à partir du 1 mars 2026/,
    )
  })

  it('warns about an extra CA that expires or has expired', () => {
    expect(caWarning(summary, end - 100 * DAY)).toBeNull()
    expect(caWarning(summary, end - 2 * DAY)).toMatch(/expire dans 2 jours \(le 28 février 2029\)/)
    expect(caWarning(summary, end + 1)).toMatch(
      /a expiré le 28 février 2029 : remplacez ce fichier/,
    )
  })
})
