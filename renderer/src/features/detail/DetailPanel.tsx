import { useId } from 'react'
import { useQuery } from '@tanstack/react-query'
import { engineQueries } from '../../engine/queries'
import type { OfferDetail } from '../../engine/protocol'
import { formatAgeRange, formatDate, formatDateTime } from '../../lib/format'
import { describeOpeningHours } from '../../lib/opening-hours'
import { useLabel, VALUE_SETS } from '../../lib/terminology'
import { ContactList } from './ContactList'
import { PlaceCard } from './PlaceCard'

const KIND_LABEL = {
  EJ: 'Entité juridique',
  EG: 'Établissement',
  OI: 'Organisation interne',
} as const

/** Detail of the selected offer: hierarchy, places, opening hours, contacts, sources. */
export function DetailPanel({
  offerId,
  onSelect,
}: {
  offerId: string | undefined
  onSelect: (id: string) => void
}) {
  const id = useId()
  const { data, error, isPending } = useQuery({
    ...engineQueries.detail(offerId ?? ''),
    enabled: offerId !== undefined,
  })
  return (
    <aside className="panel detail-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        Détail de l’offre
      </h2>
      {offerId === undefined && (
        <p className="empty-state">Sélectionnez une offre dans la liste ou sur la carte.</p>
      )}
      {offerId !== undefined && isPending && <p className="empty-state">Chargement…</p>}
      {error && (
        <p className="problem" role="alert">
          Détail indisponible : {error.message}
        </p>
      )}
      {offerId !== undefined && data === null && (
        <p className="empty-state">Cette offre n’est plus dans l’instantané actif.</p>
      )}
      {data && <OfferDetailView detail={data} onSelect={onSelect} />}
    </aside>
  )
}

function OfferDetailView({
  detail,
  onSelect,
}: {
  detail: OfferDetail
  onSelect: (id: string) => void
}) {
  const label = useLabel()
  const { offer, manifest } = detail
  const hours = describeOpeningHours(offer.openingHours)
  const facts: [string, string | undefined][] = [
    [
      'Activités',
      offer.activities.map((c) => `${label(VALUE_SETS.activity, c)} (${c})`).join(', '),
    ],
    [
      'Famille',
      offer.activityFamilies.map((c) => label(VALUE_SETS.family, c)).join(', ') || undefined,
    ],
    ['Champ', offer.field && label(VALUE_SETS.field, offer.field)],
    ['Type d’offre', offer.offerType && label(VALUE_SETS.offerType, offer.offerType)],
    [
      'Prise en charge',
      offer.careModes.map((c) => label(VALUE_SETS.careMode, c)).join(', ') || undefined,
    ],
    ['Public', offer.publics.map((c) => label(VALUE_SETS.public, c)).join(', ') || undefined],
    ['Âge', formatAgeRange(offer.age?.low, offer.age?.high)],
    ['Secteur psychiatrique', offer.psychiatricSectors.join(', ') || undefined],
    ['Identifiant ROR', offer.identifier],
  ]
  const restricted = offer.characteristics.filter((c) => c.slice !== 'careMode')
  return (
    <article className="offer-detail" aria-label={offer.name}>
      <h3 className="offer-name">{offer.name}</h3>
      {offer.closure?.start && (
        <p className="tag tag-closed">
          Fermée depuis le {formatDate(offer.closure.start)}
          {offer.closure.end ? `, réouverture prévue le ${formatDate(offer.closure.end)}` : ''}
        </p>
      )}
      {offer.isSensitive && (
        <p className="tag tag-warn">Unité sensible (visible en profil 1 uniquement)</p>
      )}
      <section aria-label="Structure">
        <h4>Structure</h4>
        <ol className="hierarchy">
          {[...detail.chain].reverse().map((org) => (
            <li key={org.id}>
              <span className="hierarchy-kind">{KIND_LABEL[org.kind]}</span> {org.name}
              {org.finess && <span className="option-meta"> · FINESS {org.finess}</span>}
              {org.category && (
                <span className="option-meta"> · {label(VALUE_SETS.category, org.category)}</span>
              )}
            </li>
          ))}
        </ol>
      </section>
      <dl className="facts">
        {facts
          .filter((f): f is [string, string] => Boolean(f[1]))
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {restricted.length > 0 && (
        <section aria-label="Caractéristiques">
          <h4>Caractéristiques</h4>
          <ul>
            {restricted.map((c) => (
              <li key={`${c.slice}:${c.system ?? ''}:${c.code}`}>
                {characteristicLabel(c.slice)} : {characteristicValue(label, c.slice, c.code)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {hours.length > 0 && (
        <section aria-label="Horaires">
          <h4>Horaires</h4>
          {hours.map((group) => (
            <div key={group.kind}>
              <p className="hours-kind">{group.kind}</p>
              <ul>
                {group.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
      <section aria-label="Lieux">
        <h4>Lieux ({detail.locations.length})</h4>
        {detail.locations.length === 0 && (
          <p className="field-help">
            Aucun lieu renseigné : position {precisionWords(detail.placement?.precision)}.
          </p>
        )}
        {detail.locations.map((location) => (
          <PlaceCard key={location.id} location={location} />
        ))}
      </section>
      <ContactList
        title="Contacts de l’offre"
        contacts={offer.contacts}
        telecoms={offer.telecoms}
      />
      {detail.chain.map((org) =>
        org.contacts.length + org.telecoms.length > 0 ? (
          <ContactList
            key={org.id}
            title={`Contacts — ${org.name}`}
            contacts={org.contacts}
            telecoms={org.telecoms}
          />
        ) : null,
      )}
      {detail.professionals.length > 0 && (
        <section aria-label="Professionnels">
          <h4>Professionnels ({detail.professionals.length})</h4>
          <ul>
            {detail.professionals.map(({ role, practitioner }) => (
              <li key={role.id}>
                {[practitioner?.name?.prefix, practitioner?.name?.given, practitioner?.name?.family]
                  .filter(Boolean)
                  .join(' ') || 'Professionnel'}
                {role.profession && (
                  <span className="option-meta"> · profession {role.profession}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail.siblings.length > 0 && (
        <section aria-label="Autres offres du site">
          <h4>Autres offres du site ({detail.siblings.length})</h4>
          <ul className="siblings">
            {detail.siblings.slice(0, 30).map((s) => (
              <li key={s.id}>
                <button type="button" className="link-like" onClick={() => onSelect(s.id)}>
                  {s.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="provenance">
        Mise à jour ROR : {formatDateTime(offer.lastUpdated)}
        {offer.region ? ` · région source ${label(VALUE_SETS.region, offer.region)}` : ''}
        <br />
        Instantané du {formatDateTime(manifest.createdAt)}, profil d’accès {manifest.accessProfile}
        {manifest.source.kind === 'demo' ? ' — données fictives de démonstration' : ''}
      </p>
    </article>
  )
}

const SLICE_LABELS: Record<string, string> = {
  receptionType: 'Temporalité d’accueil',
  receptionModality: 'Modalité d’accueil',
  managementType: 'Mode de gestion',
  takingCareSpeciality: 'Spécialisation de prise en charge',
  annualOpening: 'Ouverture annuelle',
  ressourceProfession: 'Profession ressource',
  specificCompetence: 'Compétence spécifique',
  expertiseLevel: 'Niveau d’expertise',
  temporalityStopService: 'Type de fermeture',
  specificAct: 'Acte spécifique',
  outsideOfficeAct: 'Acte réalisé hors cabinet',
  other: 'Autre caractéristique',
}

const SLICE_VALUE_SETS: Record<string, string> = {
  receptionModality: VALUE_SETS.receptionModality,
  receptionType: VALUE_SETS.receptionType,
  takingCareSpeciality: VALUE_SETS.specialisation,
  specificCompetence: VALUE_SETS.competence,
}

function characteristicLabel(slice: string): string {
  return SLICE_LABELS[slice] ?? slice
}

function characteristicValue(
  label: (vs: string, code: string) => string,
  slice: string,
  code: string,
): string {
  const valueSet = SLICE_VALUE_SETS[slice]
  const text = valueSet ? label(valueSet, code) : code
  return text === code ? code : `${text} (${code})`
}

function precisionWords(precision: string | undefined): string {
  switch (precision) {
    case 'structure':
      return 'celle de la structure'
    case 'commune':
      return 'approximative (centre de la commune)'
    default:
      return 'inconnue'
  }
}
