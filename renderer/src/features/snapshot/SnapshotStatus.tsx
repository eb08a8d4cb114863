import { useQuery } from '@tanstack/react-query'
import { engineQueries } from '../../engine/queries'
import { ageOf, formatCount, formatDateTime } from '../../lib/format'
import type { SnapshotSource } from '../../../../core/snapshot/manifest'

function sourceLabel(source: SnapshotSource): string {
  switch (source.kind) {
    case 'demo':
      return 'démonstration'
    case 'sync':
      return source.server ? `synchronisé depuis ${new URL(source.server).host}` : 'synchronisé'
    case 'import': {
      const files = source.files ?? []
      if (files.length === 1) return `importé (${files[0]})`
      return files.length > 1 ? `importé (${files.length} fichiers)` : 'importé'
    }
  }
}

/**
 * Header badges, always visible: which snapshot is active, its access profile, where it
 * comes from and how old it is — honest about what the app holds.
 */
export function SnapshotStatus() {
  const { data, error, isPending } = useQuery(engineQueries.status())
  if (isPending) {
    return (
      <p className="snapshot-status" role="status">
        <span className="badge badge-muted">Chargement de l’instantané…</span>
      </p>
    )
  }
  if (error) {
    return (
      <p className="snapshot-status" role="status">
        <span className="badge badge-warn">Instantané indisponible : {error.message}</span>
      </p>
    )
  }
  const manifest = data.manifest
  if (!manifest) {
    return (
      <p className="snapshot-status" role="status">
        <span className="badge badge-muted">Aucun instantané chargé</span>
      </p>
    )
  }
  return (
    <p className="snapshot-status" role="status" aria-label="Instantané actif">
      {data.isDemo && <span className="badge badge-demo">Données fictives de démonstration</span>}
      <span className="badge" title={`Profil d’accès ROR ${manifest.accessProfile}`}>
        Profil {manifest.accessProfile}
      </span>
      <span className="badge" title={formatDateTime(manifest.createdAt)}>
        Instantané {ageOf(manifest.createdAt)}
      </span>
      <span className="badge">{formatCount(data.offerCount)} offres</span>
      {!data.isDemo && (
        <span className="badge badge-muted" title={manifest.source.files?.join('\n')}>
          {sourceLabel(manifest.source)}
        </span>
      )}
    </p>
  )
}
