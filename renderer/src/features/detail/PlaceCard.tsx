import type { LocationRecord } from '../../../../core/snapshot/records'
import { formatDateTime } from '../../lib/format'
import { useLabel, VALUE_SETS } from '../../lib/terminology'
import { ContactList } from './ContactList'

/** One place of the offer: address, position and its reliability, capacities, equipment. */
export function PlaceCard({ location }: { location: LocationRecord }) {
  const label = useLabel()
  const address = location.address
  return (
    <div className="place">
      <p className="place-name">
        {location.name ?? 'Lieu'}
        {location.function && (
          <span className="option-meta">
            {' '}
            · {label(VALUE_SETS.placeFunction, location.function)}
          </span>
        )}
      </p>
      {address && (
        <p>
          {[...(address.lines ?? []), [address.postalCode, address.city].filter(Boolean).join(' ')]
            .filter(Boolean)
            .join(', ')}
        </p>
      )}
      {location.position && (
        <p className="field-help">
          Position {location.position.lat.toFixed(5)}, {location.position.lon.toFixed(5)}
          {location.position.isReliable === false ? ' (coordonnées non fiables)' : ''}
        </p>
      )}
      {location.description && <p className="field-help">{location.description}</p>}
      {location.capacities && location.capacities.length > 0 && (
        <table className="capacities">
          <caption>Capacités</caption>
          <thead>
            <tr>
              <th scope="col">Nature</th>
              <th scope="col">Statut</th>
              <th scope="col">Nombre</th>
              <th scope="col">Mise à jour</th>
            </tr>
          </thead>
          <tbody>
            {location.capacities.map((c, i) => (
              <tr key={i}>
                <td>
                  {c.kind ? label(VALUE_SETS.capacityKind, c.kind) : '—'}
                  {c.gender ? ` (${label(VALUE_SETS.capacityGender, c.gender)})` : ''}
                </td>
                <td>
                  {c.status ? label(VALUE_SETS.capacityStatus, c.status) : '—'}
                  {c.temporality && c.temporality !== '01'
                    ? `, ${label(VALUE_SETS.capacityTemporality, c.temporality)}`
                    : ''}
                </td>
                <td>{c.count}</td>
                <td>{c.updatedAt ? formatDateTime(c.updatedAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {location.equipment && location.equipment.length > 0 && (
        <p>
          Équipements :{' '}
          {location.equipment
            .map((e) => `${e.kind}${e.inService !== undefined ? ` ×${e.inService}` : ''}`)
            .join(', ')}
        </p>
      )}
      <ContactList title="Téléphones du lieu" contacts={[]} telecoms={location.telecoms} />
    </div>
  )
}
