import { useId, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import type { HistoryMode } from '../../app/use-search-state'
import type { UiQuery } from '../../engine/protocol'
import { engineQueries } from '../../engine/queries'
import { useLabel, VALUE_SETS } from '../../lib/terminology'
import { Combobox, type ComboboxOption } from './Combobox'
import { Filters } from './Filters'
import { useDebounced } from './use-debounced'
import type { ActivitySuggestion } from '../../../../core/search/types'
import type { Commune } from '../../../../core/geo/gazetteer'

interface SearchPanelProps {
  query: UiQuery
  onChange: (next: UiQuery, mode?: HistoryMode) => void
  /** Name of the commune or point used as origin, for display. */
  originLabel?: string
}

/** Radius proposed when a place is chosen (the DAC question: « à moins de 30 km »). */
export const DEFAULT_RADIUS_KM = 30

/**
 * Search criteria. Every change updates the search at once (the results debounce typing);
 * criteria combine with AND, several activities with OR.
 */
export function SearchPanel({ query, onChange, originLabel }: SearchPanelProps) {
  const id = useId()
  const label = useLabel()
  const [activityText, setActivityText] = useState('')
  const [placeText, setPlaceText] = useState('')
  const activityQuery = useDebounced(activityText, 60)
  const placeQuery = useDebounced(placeText, 60)
  const activitySuggestions = useQuery({
    ...engineQueries.suggest('activity', activityQuery),
    enabled: activityQuery.trim() !== '',
  })
  const placeSuggestions = useQuery({
    ...engineQueries.suggest('commune', placeQuery),
    enabled: placeQuery.trim() !== '',
  })

  const activityOptions: ComboboxOption<ActivitySuggestion>[] = (
    activitySuggestions.data ?? []
  ).flatMap((s) =>
    s.kind === 'activity'
      ? [
          {
            key: `${s.value.kind}:${s.value.code}`,
            value: s.value,
            text: `${s.value.label} (${s.value.code})`,
            label: (
              <>
                <span>{s.value.label}</span>{' '}
                <span className="option-meta">
                  {s.value.kind === 'family' ? 'famille ' : ''}
                  {s.value.code} · {s.value.offerCount} offres
                </span>
              </>
            ),
          },
        ]
      : [],
  )
  const placeOptions: ComboboxOption<Commune>[] = (placeSuggestions.data ?? []).flatMap((s) =>
    s.kind === 'commune'
      ? [
          {
            key: s.value.code,
            value: s.value,
            text: `${s.value.name} (${s.value.departement})`,
            label: (
              <>
                <span>{s.value.name}</span>{' '}
                <span className="option-meta">
                  {s.value.postalCodes[0] ?? s.value.departement} · INSEE {s.value.code}
                </span>
              </>
            ),
          },
        ]
      : [],
  )

  const addActivity = (s: ActivitySuggestion) => {
    const key = s.kind === 'family' ? 'families' : 'activities'
    const current = query[key] ?? []
    if (!current.includes(s.code)) onChange({ ...query, [key]: [...current, s.code] })
    setActivityText('')
  }
  const removeCode = (key: 'activities' | 'families', code: string) => {
    const rest = (query[key] ?? []).filter((c) => c !== code)
    const next = { ...query }
    if (rest.length > 0) next[key] = rest
    else delete next[key]
    onChange(next)
  }
  const setOrigin = (commune: Commune) => {
    onChange({
      ...query,
      origin: { kind: 'commune', code: commune.code },
      radiusKm: query.radiusKm ?? DEFAULT_RADIUS_KM,
    })
    setPlaceText('')
  }
  const clearOrigin = () => {
    const next = { ...query }
    delete next.origin
    delete next.radiusKm
    onChange(next)
  }
  const setField = (key: 'age' | 'text', value: string) => {
    const next = { ...query }
    if (value === '') delete next[key]
    else next[key] = value
    onChange(next, 'replace')
  }

  const chips = [
    ...(query.activities ?? []).map((code) => ({
      key: 'activities' as const,
      code,
      text: label(VALUE_SETS.activity, code),
    })),
    ...(query.families ?? []).map((code) => ({
      key: 'families' as const,
      code,
      text: `Famille : ${label(VALUE_SETS.family, code)}`,
    })),
  ]

  return (
    <section className="panel search-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        Recherche
      </h2>
      <form
        className="search-form"
        role="search"
        aria-label="Critères de recherche"
        onSubmit={(event) => event.preventDefault()}
      >
        <Combobox
          label="Activité opérationnelle"
          placeholder="ex. pédopsychiatrie, 022"
          text={activityText}
          onTextChange={setActivityText}
          options={activityOptions}
          isLoading={activitySuggestions.isFetching}
          onSelect={addActivity}
          emptyMessage="Aucune activité ne correspond."
        />
        {chips.length > 0 && (
          <ul className="chips" aria-label="Activités choisies">
            {chips.map((chip) => (
              <li key={`${chip.key}:${chip.code}`} className="chip">
                <span>{chip.text}</span>
                <button
                  type="button"
                  aria-label={`Retirer ${chip.text}`}
                  onClick={() => removeCode(chip.key, chip.code)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <label htmlFor={`${id}-age`}>Âge du patient</label>
        <input
          id={`${id}-age`}
          name="age"
          type="text"
          inputMode="text"
          placeholder="ex. 9, 18mo, 3wk, 10d"
          aria-describedby={`${id}-age-help`}
          value={query.age ?? ''}
          onChange={(event) => setField('age', event.target.value)}
        />
        <p id={`${id}-age-help`} className="field-help">
          En années, ou avec une unité : mo (mois), wk (semaines), d (jours).
        </p>
        {query.origin ? (
          <div className="origin">
            <span className="field-label">Autour de</span>
            <span className="chip">
              <span>
                {originLabel ??
                  (query.origin.kind === 'commune' ? query.origin.code : 'point de la carte')}
              </span>
              <button type="button" aria-label="Retirer le point de départ" onClick={clearOrigin}>
                ×
              </button>
            </span>
          </div>
        ) : (
          <Combobox
            label="Commune ou code postal"
            placeholder="ex. Bourges, 18000"
            help="Ou cliquez sur la carte pour partir d’un point."
            text={placeText}
            onTextChange={setPlaceText}
            options={placeOptions}
            isLoading={placeSuggestions.isFetching}
            onSelect={setOrigin}
            emptyMessage="Aucune commune ne correspond."
          />
        )}
        <label htmlFor={`${id}-radius`}>Rayon (km)</label>
        <input
          id={`${id}-radius`}
          name="radius"
          type="number"
          min={1}
          max={1000}
          disabled={!query.origin}
          value={query.radiusKm ?? DEFAULT_RADIUS_KM}
          onChange={(event) => {
            const radius = Number(event.target.value)
            if (query.origin && Number.isFinite(radius) && radius > 0)
              onChange({ ...query, radiusKm: radius }, 'replace')
          }}
        />
        <label htmlFor={`${id}-text`}>Nom, FINESS ou ville</label>
        <input
          id={`${id}-text`}
          name="text"
          type="search"
          autoComplete="off"
          value={query.text ?? ''}
          onChange={(event) => setField('text', event.target.value)}
        />
        <Filters query={query} onChange={onChange} />
        <button type="button" className="secondary-button" onClick={() => onChange({})}>
          Effacer la recherche
        </button>
      </form>
    </section>
  )
}
