/**
 * Test PKI for the sandbox's mutual-TLS mode, made with the `openssl` CLI: a test CA (standing in
 * for IGC-Santé TEST), a server certificate for localhost / 127.0.0.1, and one client
 * certificate per profile 1–5 (CN and SAN `profil-N`, extendedKeyUsage clientAuth), each also
 * as a password-protected PKCS#12 bundle (the format IGC-Santé certificates are delivered in).
 *
 * CLI: `npx tsx tools/ror-sandbox/certs.ts --out <dir> [--password <p>]`
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

export const CLIENT_IDS_WITH_CERT = ['profil-1', 'profil-2', 'profil-3', 'profil-4', 'profil-5']
export const DEFAULT_P12_PASSWORD = 'sandbox'

export interface SandboxCerts {
  dir: string
  caCertPath: string
  serverKeyPath: string
  serverCertPath: string
  /** Per client id: PEM key, PEM certificate and PKCS#12 bundle paths. */
  clients: Record<string, { keyPath: string; certPath: string; p12Path: string }>
  p12Password: string
}

const DAYS = '825'

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error)
    throw new Error(`openssl ${args[0] ?? ''} failed in ${cwd}: ${stderr.trim()}`, {
      cause: error,
    })
  }
}

function describe(dir: string, password: string): SandboxCerts {
  const clients: SandboxCerts['clients'] = {}
  for (const id of CLIENT_IDS_WITH_CERT) {
    clients[id] = {
      keyPath: join(dir, `${id}.key`),
      certPath: join(dir, `${id}.crt`),
      p12Path: join(dir, `${id}.p12`),
    }
  }
  return {
    dir,
    caCertPath: join(dir, 'ca.crt'),
    serverKeyPath: join(dir, 'server.key'),
    serverCertPath: join(dir, 'server.crt'),
    clients,
    p12Password: password,
  }
}

/** Signs `<name>.csr` with the CA using the given X.509 v3 extensions. */
function issue(dir: string, name: string, subject: string, extensions: string): void {
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ],
    dir,
  )
  writeFileSync(join(dir, `${name}.ext`), extensions)
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      DAYS,
      '-sha256',
      '-extfile',
      `${name}.ext`,
    ],
    dir,
  )
}

/** Generates a fresh CA, server certificate and client certificates into `dir`. */
export function generateCerts(dir: string, password = DEFAULT_P12_PASSWORD): SandboxCerts {
  const out = resolve(dir)
  mkdirSync(out, { recursive: true })
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      DAYS,
      '-sha256',
      '-subj',
      '/O=ROR hors ligne/CN=ROR sandbox TEST CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    out,
  )
  issue(
    out,
    'server',
    '/O=ROR hors ligne/CN=localhost',
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n' +
      'extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n',
  )
  for (const id of CLIENT_IDS_WITH_CERT) {
    issue(
      out,
      id,
      `/O=ROR hors ligne/CN=${id}`,
      'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n' +
        `extendedKeyUsage=clientAuth\nsubjectAltName=DNS:${id}\n`,
    )
    openssl(
      [
        'pkcs12',
        '-export',
        '-in',
        `${id}.crt`,
        '-inkey',
        `${id}.key`,
        '-certfile',
        'ca.crt',
        '-name',
        id,
        '-out',
        `${id}.p12`,
        '-passout',
        `pass:${password}`,
      ],
      out,
    )
  }
  writeFileSync(join(out, 'p12-password.txt'), `${password}\n`)
  return describe(out, password)
}

/** Reuses the certificates in `dir` when complete, otherwise generates them. */
export function loadOrGenerateCerts(dir: string, password = DEFAULT_P12_PASSWORD): SandboxCerts {
  const certs = describe(resolve(dir), password)
  const needed = [
    certs.caCertPath,
    certs.serverKeyPath,
    certs.serverCertPath,
    ...Object.values(certs.clients).flatMap((c) => [c.keyPath, c.certPath, c.p12Path]),
  ]
  if (needed.every((path) => existsSync(path))) {
    const pwFile = join(certs.dir, 'p12-password.txt')
    if (existsSync(pwFile)) certs.p12Password = readFileSync(pwFile, 'utf8').trim()
    return certs
  }
  return generateCerts(dir, password)
}

function main(argv: string[]): void {
  const outIndex = argv.indexOf('--out')
  const pwIndex = argv.indexOf('--password')
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined
  if (!out) {
    process.stderr.write('usage: tsx tools/ror-sandbox/certs.ts --out <dir> [--password <p>]\n')
    process.exit(2)
  }
  const certs = generateCerts(out, pwIndex >= 0 ? argv[pwIndex + 1] : DEFAULT_P12_PASSWORD)
  process.stdout.write(`certificates written to ${certs.dir}\n`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2))
}
