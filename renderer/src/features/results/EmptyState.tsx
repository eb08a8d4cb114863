import type { LoosenableCriterion, SearchResponse, UiQuery } from '../../engine/protocol'
import { formatCount } from '../../lib/format'
import { isEmptyQuery } from '../search/url-state'

const ADVICE: Record<LoosenableCriterion, string> = {
  activities: 'sans le critère d’activité',
  age: 'sans le critère d’âge',
  radius: 'en doublant le rayon',
  text: 'sans le texte recherché',
  fields: 'sans le filtre de champ d’activité',
  careModes: 'sans le filtre de mode de prise en charge',
  offerTypes: 'sans le filtre de type d’offre',
  categories: 'sans le filtre de catégorie',
  publics: 'sans le filtre de public',
  departements: 'sans le filtre de département',
  regions: 'sans le filtre de région',
}

/** Nothing matched: say which criterion to loosen, with the count it would give. */
export function EmptyState({ query, response }: { query: UiQuery; response: SearchResponse }) {
  if (isEmptyQuery(query)) {
    return <p className="empty-state">L’instantané ne contient aucune offre.</p>
  }
  return (
    <div className="empty-state">
      <p>Aucune offre ne correspond à tous ces critères.</p>
      {response.loosen.length > 0 ? (
        <ul>
          {response.loosen.map(({ criterion, total }) => (
            <li key={criterion}>
              {ADVICE[criterion]} : {formatCount(total)} {total > 1 ? 'offres' : 'offre'}
            </li>
          ))}
        </ul>
      ) : (
        <p>Retirer un seul critère ne suffit pas : simplifiez la recherche.</p>
      )}
    </div>
  )
}
