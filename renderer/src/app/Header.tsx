import { SnapshotStatus } from '../features/snapshot/SnapshotStatus'
import { SnapshotFileMenu } from '../features/snapshot/SnapshotFileMenu'
import { EngineActivity } from '../features/snapshot/EngineActivity'
import { StaleBanner } from '../features/snapshot/StaleBanner'

export function Header({
  onOpenAbout,
  onOpenSync,
}: {
  onOpenAbout: () => void
  onOpenSync: () => void
}) {
  return (
    <header className="app-header">
      <h1 className="app-title">ROR hors ligne</h1>
      <SnapshotStatus />
      <EngineActivity />
      <StaleBanner onOpenSync={onOpenSync} />
      <nav className="header-actions" aria-label="Application">
        <button type="button" className="link-button" onClick={onOpenSync}>
          Synchroniser
        </button>
        <SnapshotFileMenu />
        <button type="button" className="link-button" onClick={onOpenAbout}>
          À propos
        </button>
      </nav>
    </header>
  )
}
