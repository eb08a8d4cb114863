import { useId } from 'react'
import { useQuery } from '@tanstack/react-query'
import regionsFile from '../../../../data/geo/regions.json'
import type { HistoryMode } from '../../app/use-search-state'
import type { UiQuery } from '../../engine/protocol'
import { terminologyQuery, VALUE_SETS } from '../../lib/terminology'

type ListKey =
  'fields' | 'careModes' | 'offerTypes' | 'categories' | 'publics' | 'departements' | 'regions'

interface Option {
  code: string
  label: string
}

const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label, 'fr')

/**
 * Filters on coded criteria. One value per filter here (the URL and the engine accept
 * several: values of one criterion combine with OR).
 */
export function Filters({
  query,
  onChange,
}: {
  query: UiQuery
  onChange: (next: UiQuery, mode?: HistoryMode) => void
}) {
  const id = useId()
  const { data: terminology } = useQuery(terminologyQuery)
  const options = (valueSet: string): Option[] =>
    (terminology?.concepts(valueSet) ?? [])
      .map((c) => ({ code: c.code, label: c.display }))
      .sort(byLabel)

  const set = (key: ListKey, code: string) => {
    const next = { ...query }
    if (code === '') delete next[key]
    else next[key] = [code]
    onChange(next)
  }
  const toggleField = (code: string, isOn: boolean) => {
    const current = new Set(query.fields ?? [])
    if (isOn) current.add(code)
    else current.delete(code)
    const next = { ...query }
    if (current.size > 0) next.fields = [...current].sort()
    else delete next.fields
    onChange(next)
  }

  const selects: { key: ListKey; label: string; options: Option[] }[] = [
    { key: 'careModes', label: 'Mode de prise en charge', options: options(VALUE_SETS.careMode) },
    { key: 'publics', label: 'Public pris en charge', options: options(VALUE_SETS.public) },
    { key: 'offerTypes', label: 'Type d’offre', options: options(VALUE_SETS.offerType) },
    {
      key: 'categories',
      label: 'Catégorie d’établissement',
      options: options(VALUE_SETS.category),
    },
    {
      key: 'departements',
      label: 'Département',
      options: regionsFile.departements.map((d) => ({
        code: d.code,
        label: `${d.code} ${d.name}`,
      })),
    },
    {
      key: 'regions',
      label: 'Région',
      options: regionsFile.regions.map((r) => ({ code: r.code, label: r.name })).sort(byLabel),
    },
  ]
  const active =
    selects.filter((s) => (query[s.key]?.length ?? 0) > 0).length + (query.fields ? 1 : 0)

  return (
    <details className="filters" open={active > 0}>
      <summary>Filtres{active > 0 ? ` (${active})` : ''}</summary>
      <fieldset className="field-set">
        <legend>Champ d’activité</legend>
        {(terminology?.concepts(VALUE_SETS.field) ?? []).map((c) => (
          <label key={c.code} className="checkbox">
            <input
              type="checkbox"
              checked={query.fields?.includes(c.code) ?? false}
              onChange={(event) => toggleField(c.code, event.target.checked)}
            />
            {c.display}
          </label>
        ))}
      </fieldset>
      {selects.map((select) => (
        <div key={select.key} className="filter">
          <label htmlFor={`${id}-${select.key}`}>{select.label}</label>
          <select
            id={`${id}-${select.key}`}
            value={query[select.key]?.[0] ?? ''}
            onChange={(event) => set(select.key, event.target.value)}
          >
            <option value="">Tous</option>
            {select.options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={query.includeClosed ?? false}
          onChange={(event) => {
            const next = { ...query }
            if (event.target.checked) next.includeClosed = true
            else delete next.includeClosed
            onChange(next)
          }}
        />
        Inclure les offres fermées
      </label>
    </details>
  )
}
