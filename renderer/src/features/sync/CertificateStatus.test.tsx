/**
 * The certificate parts of the settings screen, rendered to HTML with React's server renderer
 * (no DOM here): what the user reads about the stored certificate and the extra CA.
 */
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { CertificateSummary, CredentialsStatus } from '../../../../core/ipc/contract'
import { ClientCertificateStatus, ExtraCaList } from './CertificateStatus'

const DAY = 24 * 3600_000
const summary: CertificateSummary = {
  subject: 'profil-2',
  issuer: 'ROR sandbox TEST CA',
  notBefore: '2026-11-26T12:04:08.000Z',
  notAfter: '2029-02-28T12:04:08.000Z',
}
const certificate: NonNullable<CredentialsStatus['certificate']> = {
  format: 'pkcs12',
  hasPassphrase: true,
  fileName: 'profil-2.p12',
  summary,
}
const end = Date.parse(summary.notAfter)

/** The visible text, tags removed, one space between blocks. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

describe('ClientCertificateStatus', () => {
  it('shows the holder and the end of validity, with no warning far from it', () => {
    const html = renderToStaticMarkup(
      <ClientCertificateStatus certificate={certificate} now={end - 200 * DAY} />,
    )
    expect(text(html)).toBe(
      'Certificat : profil-2, valable jusqu’au 28 février 2029. ' +
        'Émis par ROR sandbox TEST CA, fichier « profil-2.p12 ».',
    )
    expect(html).not.toContain('role="alert"')
  })

  it('adds a visible alert within 30 days of the end, and once expired', () => {
    const soon = renderToStaticMarkup(
      <ClientCertificateStatus certificate={certificate} now={end - 10 * DAY} />,
    )
    expect(soon).toMatch(/<p class="problem" role="alert">Ce certificat expire dans 10 jours/)
    const expired = renderToStaticMarkup(
      <ClientCertificateStatus certificate={certificate} now={end + DAY} />,
    )
    expect(expired).toMatch(/role="alert">Ce certificat a expiré le 28 février 2029/)
  })

  it('asks for a new import when the stored certificate can no longer be read', () => {
    const html = renderToStaticMarkup(
      <ClientCertificateStatus certificate={{ ...certificate, summary: null }} now={end} />,
    )
    expect(text(html)).toBe(
      'Le certificat enregistré « profil-2.p12 » ne peut plus être lu : importez-le à nouveau, ' +
        'avec son mot de passe.',
    )
  })
})

describe('ExtraCaList', () => {
  it('lists each CA of the file with its validity and flags an expired one', () => {
    const expired = { ...summary, subject: 'Ancien proxy', notAfter: '2026-01-31T12:00:00.000Z' }
    const html = renderToStaticMarkup(
      <ExtraCaList
        extraCa={{ fileName: 'chaine-proxy.pem', certificates: [summary, expired] }}
        now={Date.parse('2026-12-01T00:00:00Z')}
      />,
    )
    expect(text(html)).toBe(
      'Autorités approuvées en plus de celles du système (fichier « chaine-proxy.pem ») : ' +
        'profil-2, valable jusqu’au 28 février 2029 ' +
        'Ancien proxy, valable jusqu’au 31 janvier 2026 « Ancien proxy » a expiré le 31 janvier ' +
        '2026 : remplacez ce fichier.',
    )
  })
})
