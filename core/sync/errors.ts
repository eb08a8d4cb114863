/**
 * Named errors of the sync (CONVENTIONS 12). Each final error carries a stable `code` for the
 * UI and the CLI, and a French `message` that says what happened, what was kept (the previous
 * snapshot: a failed sync never touches it) and what to do.
 */

/** Base class of every error the sync reports to a user. */
export abstract class SyncError extends Error {
  abstract readonly code: string
  /** The previous snapshot is untouched (true for every failure of this engine). */
  readonly previousSnapshotKept: boolean = true
}

const KEPT = 'L’instantané précédent est conservé et reste utilisable.'

/** The token endpoint refused the client id / secret (RFC 6749 `invalid_client`). */
export class AuthenticationError extends SyncError {
  override name = 'AuthenticationError'
  readonly code = 'auth-failed'
  constructor(detail: string) {
    super(
      `Identifiants refusés par le serveur d’authentification du ROR (${detail}). ` +
        `Vérifiez l’identifiant client et le secret dans les paramètres. ${KEPT}`,
    )
  }
}

/** The client certificate was refused (TLS handshake or token endpoint, RFC 8705). */
export class CertificateRefusedError extends SyncError {
  override name = 'CertificateRefusedError'
  readonly code = 'certificate-refused'
  constructor(detail: string) {
    super(
      `Certificat client refusé (${detail}). Vérifiez que le certificat IGC-Santé est valide, ` +
        `correspond à l’identifiant client et que son mot de passe est correct. ${KEPT}`,
    )
  }
}

/** The server's TLS certificate is not trusted (unknown CA, wrong host name, expired). */
export class ServerCertificateError extends SyncError {
  override name = 'ServerCertificateError'
  readonly code = 'server-certificate-untrusted'
  constructor(host: string, detail: string) {
    super(
      `Le certificat du serveur ${host} n’est pas reconnu (${detail}). Ajoutez l’autorité ` +
        `de certification (IGC-Santé) au magasin de confiance ou vérifiez l’adresse. ${KEPT}`,
    )
  }
}

/** No answer from the server after every retry (DNS, refused, reset, timeout). */
export class ServerUnreachableError extends SyncError {
  override name = 'ServerUnreachableError'
  readonly code = 'server-unreachable'
  constructor(host: string, detail: string) {
    super(
      `Serveur ${host} injoignable (${detail}). Vérifiez la connexion réseau et l’adresse ` +
        `du serveur, puis relancez la synchronisation. ${KEPT}`,
    )
  }
}

/** The server kept answering 429 / 5xx after every retry. */
export class ServerBusyError extends SyncError {
  override name = 'ServerBusyError'
  readonly code = 'server-busy'
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(
      `Le serveur du ROR répond « ${status} » de façon persistante (${detail}). ` +
        `Réessayez plus tard ; la synchronisation reprendra là où elle s’est arrêtée. ${KEPT}`,
    )
  }
}

/** An answer the engine cannot use (unexpected status, broken JSON after retries…). */
export class ProtocolError extends SyncError {
  override name = 'ProtocolError'
  readonly code = 'bad-response'
  constructor(detail: string) {
    super(`Réponse inattendue du serveur du ROR : ${detail}. ${KEPT}`)
  }
}

/** The `$export` job failed on the server side or disappeared. */
export class ExportFailedError extends SyncError {
  override name = 'ExportFailedError'
  readonly code = 'export-failed'
  constructor(detail: string) {
    super(`L’export du ROR a échoué : ${detail}. Relancez la synchronisation. ${KEPT}`)
  }
}

/** Not enough disk space / storage quota to write the new snapshot. */
export class QuotaExceededError extends SyncError {
  override name = 'QuotaExceededError'
  readonly code = 'quota-exceeded'
  constructor(
    /** Bytes the write needed (an estimate when the host cannot tell exactly). */
    readonly bytesNeeded: number,
    /** Bytes available, when known. */
    readonly bytesAvailable?: number,
  ) {
    super(
      `Espace disque insuffisant pour enregistrer le nouvel instantané : environ ` +
        `${formatBytes(bytesNeeded)} nécessaires` +
        (bytesAvailable === undefined ? '' : `, ${formatBytes(bytesAvailable)} disponibles`) +
        `. Libérez de la place puis relancez la synchronisation. ${KEPT}`,
    )
  }
}

/** The user (or the host) cancelled the sync. */
export class SyncCancelledError extends SyncError {
  override name = 'SyncCancelledError'
  readonly code = 'cancelled'
  constructor() {
    super(`Synchronisation annulée. ${KEPT}`)
  }
}

/** The stored snapshot cannot serve as the base of a sync (unreadable, other profile…). */
export class SnapshotStoreError extends SyncError {
  override name = 'SnapshotStoreError'
  readonly code = 'snapshot-store'
  constructor(detail: string) {
    super(`Instantané local inutilisable : ${detail}. ${KEPT}`)
  }
}

/**
 * The final error for a network failure after retries (or at once for TLS failures): a refused
 * client certificate, an untrusted server, a cancellation, or an unreachable server.
 */
export function networkFailureError(failure: string, host: string, detail: string): SyncError {
  if (failure === 'tls-client-certificate') return new CertificateRefusedError(detail)
  if (failure === 'tls-server-certificate') return new ServerCertificateError(host, detail)
  if (failure === 'aborted') return new SyncCancelledError()
  return new ServerUnreachableError(host, detail)
}

/** `1.5 Go`, `320 Mo`… (French units). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1).replace('.', ',')} Go`
  if (bytes >= 1e6) return `${Math.ceil(bytes / 1e6)} Mo`
  return `${Math.ceil(bytes / 1e3)} ko`
}

/** The error as the UI and the CLI report it (code + French message). */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof SyncError) return { code: error.code, message: error.message }
  const text = error instanceof Error ? error.message : String(error)
  return {
    code: 'unexpected',
    message: `Erreur inattendue pendant la synchronisation : ${text}. ${KEPT}`,
  }
}
