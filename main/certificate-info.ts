/**
 * Reads certificates the way the ROR transport will use them, to check them when the user
 * stores them and to tell the settings screen whose they are and until when they are valid
 * (issue 5: IGC-Santé client certificate for mutual TLS, ROR-FHIR-NOTES §5.1; extra CA
 * certificates trusted besides the system store). Node built-ins only: a PKCS#12 bundle is
 * loaded into a TLS secure context with its passphrase — exactly what the transport does, so a
 * file accepted here is one the transport can load — and its certificate is read back from a
 * TLS socket built on that context. Keys and passphrases never leave this module's callers in
 * main. No `electron` import.
 */
import { X509Certificate } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { TLSSocket, createSecureContext, rootCertificates, type SecureContext } from 'node:tls'
import type { CertificateSummary } from '../core/ipc/contract'
import { tlsClientOptions, type ClientCertificate } from './ror-transport'

/** A certificate file that cannot be used; `message` is French and names the file. */
export class CertificateFileError extends Error {
  override name = 'CertificateFileError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The common name of a distinguished name as Node prints it (one RDN a line, multi-valued
 * RDNs joined by « + », special characters escaped with « \ »): the last CN, the most specific;
 * the whole name on one line when there is none.
 */
export function commonName(name: string): string {
  const parts = name.split('\n').flatMap((line) => line.split(' + '))
  const cn = parts.filter((part) => part.startsWith('CN=')).at(-1)
  const unescape = (value: string) => value.replace(/\\(.)/g, '$1')
  return unescape(cn ? cn.slice(3) : parts.join(', '))
}

function isoDate(value: string): string {
  const time = Date.parse(value)
  if (!Number.isFinite(time)) throw new Error(`date de validité illisible : ${value}`)
  return new Date(time).toISOString()
}

export function summarize(certificate: X509Certificate): CertificateSummary {
  return {
    subject: commonName(certificate.subject),
    issuer: commonName(certificate.issuer),
    notBefore: isoDate(certificate.validFrom),
    notAfter: isoDate(certificate.validTo),
  }
}

/** The certificate a secure context presents (its leaf), read back through a TLS socket. */
function ownCertificate(context: SecureContext): Buffer | undefined {
  const socket = new TLSSocket(new PassThrough(), { secureContext: context, isServer: true })
  try {
    const own = socket.getCertificate()
    return own && 'raw' in own ? own.raw : undefined
  } finally {
    socket.destroy()
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g

function pemLabels(text: string): string[] {
  return [...text.matchAll(PEM_BLOCK)].map((m) => m[1] ?? '')
}

function toText(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : Buffer.from(data).toString('utf8')
}

/**
 * Checks that the client certificate loads as the transport will load it (right passphrase,
 * key matching the certificate) and returns its summary; throws a {@link CertificateFileError}.
 */
export function inspectClientCertificate(
  certificate: ClientCertificate,
  fileName: string,
): CertificateSummary {
  const file = `« ${fileName} »`
  if (certificate.format === 'pem') {
    const labels = pemLabels(toText(certificate.key ?? certificate.cert))
    if (!pemLabels(toText(certificate.cert)).includes('CERTIFICATE')) {
      throw new CertificateFileError(
        'certificate-unreadable',
        `${file} ne contient aucun certificat (bloc « BEGIN CERTIFICATE ») : choisissez le ` +
          'fichier PEM de votre certificat IGC-Santé, ou son fichier PKCS#12 (.p12, .pfx).',
      )
    }
    if (!labels.some((label) => label.endsWith('PRIVATE KEY'))) {
      throw new CertificateFileError(
        'certificate-no-key',
        `${file} ne contient pas de clé privée : le TLS mutuel en a besoin. Choisissez un ` +
          'fichier PEM qui réunit le certificat et sa clé, ou le fichier PKCS#12 (.p12, .pfx).',
      )
    }
  }
  let context: SecureContext
  try {
    context = createSecureContext(tlsClientOptions(certificate))
  } catch (error) {
    throw loadError(error, certificate, file)
  }
  const raw = ownCertificate(context)
  if (!raw) {
    throw new CertificateFileError(
      'certificate-unreadable',
      `${file} ne contient pas de certificat utilisable : choisissez le fichier de votre ` +
        'certificat IGC-Santé.',
    )
  }
  return summarize(new X509Certificate(raw))
}

function loadError(error: unknown, certificate: ClientCertificate, file: string) {
  const reason = (error as Error).message
  const code = (error as { code?: unknown }).code
  const previous = ' Le certificat précédemment enregistré reste en vigueur.'
  if (/mac verify|bad decrypt|INCORRECT_PASSWORD|BAD_DECRYPT/i.test(`${reason} ${String(code)}`)) {
    return new CertificateFileError(
      'certificate-passphrase',
      `Le mot de passe du certificat ${file} est incorrect ou manquant : le fichier n’a pas pu ` +
        'être déchiffré. Saisissez le mot de passe remis avec le certificat, puis réessayez.' +
        previous,
    )
  }
  if (/KEY_VALUES_MISMATCH|key values mismatch/i.test(`${reason} ${String(code)}`)) {
    return new CertificateFileError(
      'certificate-key-mismatch',
      `La clé privée de ${file} ne correspond pas à son certificat : choisissez le fichier ` +
        'qui réunit ce certificat et sa propre clé.' +
        previous,
    )
  }
  if (certificate.format === 'pkcs12' && /unsupported/i.test(reason)) {
    return new CertificateFileError(
      'certificate-unsupported',
      `${file} est chiffré avec un algorithme ancien (RC2 ou 3DES) que l’application ne sait ` +
        'pas lire : ré-exportez-le avec un chiffrement AES (par exemple « openssl pkcs12 ' +
        '-export -keypbe AES-256-CBC -certpbe AES-256-CBC »), puis importez le nouveau fichier.' +
        previous,
    )
  }
  const kind = certificate.format === 'pkcs12' ? 'un fichier PKCS#12' : 'un certificat PEM'
  return new CertificateFileError(
    'certificate-unreadable',
    `${file} n’a pas pu être lu comme ${kind} (${reason}). Choisissez le fichier .p12, .pfx ` +
      'ou .pem de votre certificat IGC-Santé.' +
      previous,
  )
}

/**
 * Parses a CA file: PEM with one or more certificates (a chain), or a single DER certificate
 * (.cer, .crt), returned as PEM text the transport can add to its trusted CAs. Throws a
 * {@link CertificateFileError} naming the file when any block is not a certificate Node loads.
 */
export function parseCaFile(
  data: Uint8Array,
  fileName: string,
): { pem: string; certificates: CertificateSummary[] } {
  const file = `« ${fileName} »`
  const text = Buffer.from(data).toString('utf8')
  const blocks = [...text.matchAll(PEM_BLOCK)]
  let parsed: X509Certificate[]
  try {
    if (blocks.length === 0 && data[0] === 0x30) parsed = [new X509Certificate(Buffer.from(data))]
    else parsed = blocks.filter((m) => m[1] === 'CERTIFICATE').map((m) => new X509Certificate(m[0]))
  } catch (error) {
    throw new CertificateFileError(
      'ca-unreadable',
      `${file} contient un certificat illisible (${(error as Error).message}) : choisissez le ` +
        'fichier PEM de l’autorité de certification (bloc « BEGIN CERTIFICATE »).',
    )
  }
  if (parsed.length === 0) {
    const extra = blocks.some((m) => m[1]?.endsWith('PRIVATE KEY'))
      ? ' Il contient une clé privée : ce n’est pas le certificat d’une autorité.'
      : ''
    throw new CertificateFileError(
      'ca-unreadable',
      `${file} ne contient aucun certificat (bloc « BEGIN CERTIFICATE »).${extra} Choisissez ` +
        'le certificat PEM de l’autorité à ajouter (proxy de l’établissement, chaîne IGC-Santé).',
    )
  }
  const pem = parsed.map((certificate) => certificate.toString()).join('')
  // What the transport will do with it (main/ror-transport.ts `extraCa`).
  createSecureContext({ ca: [...rootCertificates, pem] })
  return { pem, certificates: parsed.map(summarize) }
}
