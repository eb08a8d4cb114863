/** Reading real certificate files (made by openssl) the way the ROR transport loads them. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CertificateFileError, inspectClientCertificate, parseCaFile } from './certificate-info'
import type { ClientCertificate } from './ror-transport'
import {
  P12_PASSWORD,
  PEM_PASSWORD,
  makeTestCertificates,
  opensslValidity,
  type TestCertificates,
} from './test-certificates'

let dir: string
let certs: TestCertificates
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ror-cert-info-'))
  certs = makeTestCertificates(dir)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const p12 = (path: string, passphrase?: string): ClientCertificate => ({
  format: 'pkcs12',
  data: readFileSync(path),
  ...(passphrase === undefined ? {} : { passphrase }),
})
const pem = (path: string, passphrase?: string): ClientCertificate => ({
  format: 'pem',
  cert: readFileSync(path),
  ...(passphrase === undefined ? {} : { passphrase }),
})

function failure(certificate: ClientCertificate, fileName: string): CertificateFileError {
  try {
    inspectClientCertificate(certificate, fileName)
  } catch (error) {
    if (error instanceof CertificateFileError) return error
    throw error
  }
  throw new Error('accepted')
}

describe('inspectClientCertificate', () => {
  it('reads holder, issuer and validity out of a PKCS#12 bundle opened with its passphrase', () => {
    const summary = inspectClientCertificate(
      p12(certs.clients['profil-2']!.p12Path, P12_PASSWORD),
      'profil-2.p12',
    )
    expect(summary).toEqual({
      subject: 'profil-2',
      issuer: 'ROR sandbox TEST CA',
      ...opensslValidity(certs.clients['profil-2']!.certPath),
    })
  })

  it('names the file when the PKCS#12 passphrase is wrong or missing', () => {
    const path = certs.clients['profil-2']!.p12Path
    for (const certificate of [p12(path, 'faux'), p12(path)]) {
      const error = failure(certificate, 'mon-certificat.p12')
      expect(error.code).toBe('certificate-passphrase')
      expect(error.message).toMatch(/^Le mot de passe du certificat « mon-certificat\.p12 »/)
    }
  })

  it('says a file is not PKCS#12, naming it', () => {
    const error = failure(p12(certs.combinedPem, 'x'), 'client.pfx')
    expect(error.code).toBe('certificate-unreadable')
    expect(error.message).toMatch(/^« client\.pfx » n’a pas pu être lu comme un fichier PKCS#12/)
  })

  it('explains an old RC2/3DES bundle this Node cannot decrypt', () => {
    const error = failure(p12(certs.legacyP12Path, P12_PASSWORD), 'ancien.p12')
    expect(error.code).toBe('certificate-unsupported')
    expect(error.message).toContain('« ancien.p12 » est chiffré avec un algorithme ancien')
  })

  it('reads a PEM holding the certificate and its key, encrypted or not', () => {
    const expected = {
      subject: 'profil-3',
      issuer: 'ROR sandbox TEST CA',
      ...opensslValidity(certs.clients['profil-3']!.certPath),
    }
    expect(inspectClientCertificate(pem(certs.combinedPem), 'c.pem')).toEqual(expected)
    expect(inspectClientCertificate(pem(certs.encryptedPem, PEM_PASSWORD), 'c.pem')).toEqual(
      expected,
    )
    expect(failure(pem(certs.encryptedPem, 'faux'), 'chiffré.pem').message).toMatch(
      /^Le mot de passe du certificat « chiffré\.pem » est incorrect/,
    )
  })

  it('refuses a PEM without key, without certificate, or with another certificate’s key', () => {
    const client = certs.clients['profil-3']!
    const noKey = failure(pem(client.certPath), 'seul.crt')
    expect([noKey.code, noKey.message]).toEqual([
      'certificate-no-key',
      expect.stringMatching(/^« seul\.crt » ne contient pas de clé privée/),
    ])
    const noCert = failure(pem(client.keyPath), 'seule.key')
    expect(noCert.message).toMatch(/^« seule\.key » ne contient aucun certificat/)
    const mismatch = failure(pem(certs.mismatchedPem), 'mélange.pem')
    expect(mismatch.code).toBe('certificate-key-mismatch')
    expect(mismatch.message).toContain('La clé privée de « mélange.pem » ne correspond pas')
  })

  it('takes the common name out of an escaped, multi-valued subject', () => {
    const summary = parseCaFile(readFileSync(certs.oddSubjectPath), 'odd.crt').certificates[0]
    expect(summary?.subject).toBe('Dupont, Jean')
    // Self-signed: the issuer is the subject.
    expect(summary?.issuer).toBe('Dupont, Jean')
  })
})

describe('parseCaFile', () => {
  it('reads every certificate of a PEM chain', () => {
    const chain = Buffer.concat([
      readFileSync(certs.caCertPath),
      readFileSync(certs.clients['profil-1']!.certPath),
    ])
    const { pem: text, certificates } = parseCaFile(chain, 'chaîne.pem')
    expect(certificates.map((c) => c.subject)).toEqual(['ROR sandbox TEST CA', 'profil-1'])
    expect(certificates[0]?.notAfter).toBe(opensslValidity(certs.caCertPath).notAfter)
    expect(text.match(/BEGIN CERTIFICATE/g)).toHaveLength(2)
  })

  it('turns a DER certificate into PEM', () => {
    const { pem: text, certificates } = parseCaFile(readFileSync(certs.caDerPath), 'ca.der')
    expect(certificates.map((c) => c.subject)).toEqual(['ROR sandbox TEST CA'])
    expect(text.replace(/\s/g, '')).toBe(readFileSync(certs.caCertPath, 'utf8').replace(/\s/g, ''))
  })

  it('refuses what is not a certificate, naming the file', () => {
    const cases: [Uint8Array, RegExp][] = [
      [Buffer.from('bonjour'), /^« x\.pem » ne contient aucun certificat/],
      [readFileSync(certs.clients['profil-1']!.keyPath), /clé privée : ce n’est pas le certificat/],
      [
        Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
        /^« x\.pem » contient un certificat illisible/,
      ],
    ]
    for (const [bytes, message] of cases) {
      expect(() => parseCaFile(bytes, 'x.pem')).toThrow(message)
    }
  })
})
