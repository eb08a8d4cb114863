import { useId } from 'react'

/** Results of the current search; explains what to do when there is nothing to show. */
export function ResultsList() {
  const id = useId()
  return (
    <section className="panel results-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        Résultats
      </h2>
      <p className="empty-state">
        Aucun instantané n’est chargé : importez un fichier d’instantané ou lancez une
        synchronisation pour rechercher dans l’offre.
      </p>
    </section>
  )
}
