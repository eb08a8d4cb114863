/** Form pieces shared by the browser-mode sync dialog and the desktop sync panel/settings. */
import { useEffect, useState } from 'react'
import type { IpcResultUnion } from '../../../../core/ipc/contract'
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

/** A status read from main, and the outcome of the last change asked of main (settings fields). */
export function useMainStatus<T>(read: () => Promise<T>) {
  const [status, setStatus] = useState<T | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  useEffect(() => {
    void read().then(setStatus)
  }, [read])
  /** Shows `done` and the new status, or main's error message. */
  const apply = (result: IpcResultUnion<T>, done: string) => {
    if (result.ok) {
      setStatus(result.value)
      setMessage({ ok: true, text: done })
    } else setMessage({ ok: false, text: result.error.message })
  }
  return { status, message, setMessage, apply }
}

/** The outcome of the last change asked of main (`useMainStatus`), announced to screen readers. */
export function MainMessage({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null
  return (
    <p className={message.ok ? 'file-result' : 'problem'} role={message.ok ? 'status' : 'alert'}>
      {message.text}
    </p>
  )
}
