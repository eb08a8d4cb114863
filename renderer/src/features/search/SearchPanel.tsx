import { useId } from 'react'

/**
 * Search criteria: activity, patient age, place and radius, free text. The form is wired
 * to the search engine once a snapshot is active.
 */
export function SearchPanel() {
  const id = useId()
  return (
    <section className="panel search-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        Recherche
      </h2>
      <form className="search-form" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={`${id}-activity`}>Activité opérationnelle</label>
        <input id={`${id}-activity`} name="activity" type="text" autoComplete="off" />
        <label htmlFor={`${id}-age`}>Âge du patient</label>
        <input
          id={`${id}-age`}
          name="age"
          type="text"
          inputMode="numeric"
          placeholder="ex. 9, 18mo, 3wk"
          aria-describedby={`${id}-age-help`}
        />
        <p id={`${id}-age-help`} className="field-help">
          En années, ou avec une unité : mo (mois), wk (semaines), d (jours).
        </p>
        <label htmlFor={`${id}-place`}>Commune ou code postal</label>
        <input id={`${id}-place`} name="place" type="text" autoComplete="off" />
        <label htmlFor={`${id}-radius`}>Rayon (km)</label>
        <input
          id={`${id}-radius`}
          name="radius"
          type="number"
          min={1}
          max={500}
          defaultValue={30}
        />
        <label htmlFor={`${id}-text`}>Nom, FINESS ou ville</label>
        <input id={`${id}-text`} name="text" type="search" autoComplete="off" />
        <button type="submit" className="primary-button">
          Rechercher
        </button>
      </form>
    </section>
  )
}
