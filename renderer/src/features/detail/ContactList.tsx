import type { Contact, Telecom } from '../../../../core/snapshot/records'
import { useLabel, VALUE_SETS } from '../../lib/terminology'

const LEVEL_CLASS = { '1': 'level-public', '2': 'level-pro', '3': 'level-crisis' } as const

/** Confidentiality level shown next to every contact and telecom (JDV_J222). */
function Level({ level }: { level: Telecom['confidentiality'] }) {
  const label = useLabel()
  return (
    <span className={`tag ${LEVEL_CLASS[level]}`}>{label(VALUE_SETS.confidentiality, level)}</span>
  )
}

function TelecomLine({ telecom }: { telecom: Telecom }) {
  const label = useLabel()
  const channel = telecom.channel
    ? label(VALUE_SETS.channel, telecom.channel)
    : (telecom.system ?? 'Contact')
  return (
    <li>
      <span className="telecom-channel">{channel}</span>{' '}
      <span className="telecom-value">{telecom.value}</span>{' '}
      <Level level={telecom.confidentiality} />
    </li>
  )
}

export function ContactList({
  title,
  contacts,
  telecoms,
}: {
  title: string
  contacts: Contact[]
  telecoms: Telecom[]
}) {
  const label = useLabel()
  if (contacts.length === 0 && telecoms.length === 0) return null
  return (
    <section aria-label={title}>
      <h4>{title}</h4>
      <ul className="contacts">
        {telecoms.map((t, i) => (
          <TelecomLine key={`t${i}`} telecom={t} />
        ))}
        {contacts.map((c, i) => (
          <li key={`c${i}`} className="contact">
            <span className="contact-name">
              {c.name ?? (c.purpose ? label(VALUE_SETS.contactPurpose, c.purpose) : 'Contact')}
            </span>{' '}
            <Level level={c.confidentiality} />
            {c.description && <p className="field-help">{c.description}</p>}
            {c.telecoms.length > 0 && (
              <ul>
                {c.telecoms.map((t, j) => (
                  <TelecomLine key={j} telecom={t} />
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
