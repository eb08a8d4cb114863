import { useId, useState, type KeyboardEvent, type ReactNode } from 'react'

export interface ComboboxOption<T> {
  key: string
  value: T
  label: ReactNode
  /** Text read by screen readers when the label is rich. */
  text: string
}

interface ComboboxProps<T> {
  label: string
  placeholder?: string
  help?: string
  text: string
  onTextChange: (text: string) => void
  options: readonly ComboboxOption<T>[]
  isLoading?: boolean
  onSelect: (value: T) => void
  /** Shown under the input when the text matches nothing. */
  emptyMessage?: string
}

/**
 * An accessible autocomplete (ARIA 1.2 combobox pattern): type, move with ↑/↓, pick with
 * Entrée, close with Échap. Options come from the caller (the engine's suggestions).
 */
export function Combobox<T>(props: ComboboxProps<T>) {
  const id = useId()
  const [isOpen, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const { options } = props
  const showList = isOpen && props.text.trim().length > 0
  const listId = `${id}-list`

  const choose = (option: ComboboxOption<T> | undefined) => {
    if (!option) return
    props.onSelect(option.value)
    setOpen(false)
    setActive(0)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setOpen(true)
      setActive((i) => Math.min(options.length - 1, i + 1))
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setActive((i) => Math.max(0, i - 1))
    } else if (event.key === 'Enter' && showList && options.length > 0) {
      event.preventDefault()
      choose(options[active])
    } else if (event.key === 'Escape') {
      setOpen(false)
    }
  }

  return (
    <div className="combobox">
      <label htmlFor={`${id}-input`}>{props.label}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && options[active] ? `${id}-opt-${active}` : undefined}
        aria-describedby={props.help ? `${id}-help` : undefined}
        placeholder={props.placeholder}
        value={props.text}
        onChange={(event) => {
          props.onTextChange(event.target.value)
          setOpen(true)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
      />
      {props.help && (
        <p id={`${id}-help`} className="field-help">
          {props.help}
        </p>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label={props.label}
        className="combobox-list"
        hidden={!showList}
      >
        {options.map((option, i) => (
          <li
            key={option.key}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            aria-label={option.text}
            className={i === active ? 'is-active' : undefined}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(event) => {
              event.preventDefault()
              choose(option)
            }}
            onMouseEnter={() => setActive(i)}
          >
            {option.label}
          </li>
        ))}
        {showList && !props.isLoading && options.length === 0 && props.emptyMessage && (
          <li className="combobox-empty" role="presentation">
            {props.emptyMessage}
          </li>
        )}
      </ul>
    </div>
  )
}
