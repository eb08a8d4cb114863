/**
 * Test support only (imported by *.test.ts, never by the app): real certificate files made
 * with the `openssl` CLI — the sandbox's test PKI (tools/ror-sandbox/certs.ts: a CA, a
 * localhost server certificate, PKCS#12 and PEM client certificates) plus the awkward cases a
 * user may pick: a PEM with its key, encrypted or not, a key that belongs to another
 * certificate, a PKCS#12 with old RC2 encryption, a DER CA, an unusual subject.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateCerts, type SandboxCerts } from '../tools/ror-sandbox/certs'

export const P12_PASSWORD = 'mot de passe é'
export const PEM_PASSWORD = 'clé-pem'

export interface TestCertificates extends SandboxCerts {
  /** profil-3's certificate followed by its key, unencrypted. */
  combinedPem: string
  /** The same with the key encrypted by {@link PEM_PASSWORD}. */
  encryptedPem: string
  /** profil-3's certificate with profil-2's key. */
  mismatchedPem: string
  /** profil-1 as PKCS#12 with the legacy RC2/3DES encryption. */
  legacyP12Path: string
  caDerPath: string
  /** Self-signed, subject « Dupont, Jean » with an escaped comma and a multi-valued RDN. */
  oddSubjectPath: string
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
}

export function makeTestCertificates(dir: string): TestCertificates {
  const certs = generateCerts(dir, P12_PASSWORD)
  const client = certs.clients['profil-3']!
  const read = (path: string) => readFileSync(path, 'utf8')
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text)
    return join(dir, name)
  }
  const combinedPem = write('combined.pem', read(client.certPath) + read(client.keyPath))
  openssl(dir, [
    'pkcs8',
    '-topk8',
    '-in',
    client.keyPath,
    '-v2',
    'aes-256-cbc',
    '-passout',
    `pass:${PEM_PASSWORD}`,
    '-out',
    'encrypted.key',
  ])
  const encryptedPem = write(
    'encrypted.pem',
    read(client.certPath) + read(join(dir, 'encrypted.key')),
  )
  const mismatchedPem = write(
    'mismatched.pem',
    read(client.certPath) + read(certs.clients['profil-2']!.keyPath),
  )
  const one = certs.clients['profil-1']!
  openssl(dir, [
    'pkcs12',
    '-export',
    '-legacy',
    '-in',
    one.certPath,
    '-inkey',
    one.keyPath,
    '-out',
    'legacy.p12',
    '-passout',
    `pass:${P12_PASSWORD}`,
  ])
  openssl(dir, ['x509', '-in', 'ca.crt', '-outform', 'DER', '-out', 'ca.der'])
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'odd.key',
    '-out',
    'odd.crt',
    '-days',
    '10',
    '-utf8',
    '-subj',
    '/O=Hôpital Saint-Éloi, Paris/CN=Dupont\\, Jean+serialNumber=12',
  ])
  return {
    ...certs,
    combinedPem,
    encryptedPem,
    mismatchedPem,
    legacyP12Path: join(dir, 'legacy.p12'),
    caDerPath: join(dir, 'ca.der'),
    oddSubjectPath: join(dir, 'odd.crt'),
  }
}

/** A certificate's validity as `openssl x509` prints it (ISO 8601 option), to compare with. */
export function opensslValidity(certPath: string): { notBefore: string; notAfter: string } {
  const out = execFileSync(
    'openssl',
    ['x509', '-in', certPath, '-noout', '-startdate', '-enddate', '-dateopt', 'iso_8601'],
    { encoding: 'utf8' },
  )
  const field = (name: string) => {
    const value = new RegExp(`${name}=(\\S+) (\\S+)`).exec(out)
    if (!value) throw new Error(`${name} absent de la sortie d'openssl : ${out}`)
    return new Date(`${value[1]}T${value[2]}`).toISOString()
  }
  return { notBefore: field('notBefore'), notAfter: field('notAfter') }
}
