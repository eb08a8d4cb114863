/** Form pieces shared by the browser-mode sync dialog and the desktop sync panel/settings. */
import regionsFile from '../../../../data/geo/regions.json'

/** « France entière » then every region, by INSEE code (the sync's region scope). */
export function RegionOptions() {
  return (
    <>
      <option value="">France entière</option>
      {regionsFile.regions.map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
    </>
  )
}

export function ForceFullCheckbox(props: {
  checked: boolean
  disabled: boolean
  onChange: (checked: boolean) => void
}) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      Forcer une synchronisation complète
    </label>
  )
}
