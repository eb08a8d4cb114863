import { useEffect, useId, useRef } from 'react'
import credits from '../../../../data/geo/credits.json'
import { ExternalLink } from '../../app/ExternalLink'

interface Credit {
  name: string
  url?: string
  licence: string
  usage: string
}

/** « À propos »: what the app is, and credit for every bundled data source. */
export function AboutDialog({ onClose }: { onClose: () => void }) {
  const id = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  return (
    <dialog
      ref={dialogRef}
      className="about-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
    >
      <h2 id={`${id}-title`}>À propos de ROR hors ligne</h2>
      <p>
        ROR hors ligne conserve sur ce poste un instantané filtré du Répertoire national de l’Offre
        et des Ressources (ROR) et permet d’y rechercher une offre sans réseau : par activité, âge
        du patient et distance.
      </p>
      <h3>Sources des données embarquées</h3>
      <ul className="credits">
        {(credits as Credit[]).map((credit) => (
          <li key={credit.name}>
            <strong>
              {credit.url ? (
                <ExternalLink href={credit.url}>{credit.name}</ExternalLink>
              ) : (
                credit.name
              )}
            </strong>
            {' — '}
            {credit.licence}. {credit.usage}
          </li>
        ))}
        <li>
          <strong>
            <ExternalLink href="https://interop.esante.gouv.fr/ig/fhir/ror">
              Guide d’implémentation FHIR du ROR et terminologies de santé (ANS)
            </ExternalLink>
          </strong>
          {' — '}
          exemples et jeux de valeurs utilisés pour les libellés.
        </li>
      </ul>
      <form method="dialog">
        <button type="submit" className="primary-button" autoFocus>
          Fermer
        </button>
      </form>
    </dialog>
  )
}
