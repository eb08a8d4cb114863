import { useId } from 'react'

/** Detail of the selected offer: hierarchy, places, opening hours, contacts. */
export function DetailPanel() {
  const id = useId()
  return (
    <aside className="panel detail-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        Détail de l’offre
      </h2>
      <p className="empty-state">Sélectionnez une offre dans la liste ou sur la carte.</p>
    </aside>
  )
}
