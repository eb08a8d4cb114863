/**
 * The top-level fields a search Bundle states before its entries (`total`, `link`), read from
 * the first bytes of a page while the rest is still arriving. A delta sync asks for page n + 1
 * as soon as page n's `next` link is known, so the server prepares it while this side receives
 * and maps page n (instead of both sides waiting for each other, page after page). Servers
 * write `link` before `entry` (FHIR JSON keeps the element order of the definition, where
 * Bundle.link precedes Bundle.entry); when a page does not, nothing is read early.
 */

import { strFromU8 } from 'fflate'

/** How far into a page the fields before `entry` are looked for. */
export const EARLY_FIELDS_LIMIT = 64 * 1024

const ENTRY_KEY = /"entry"\s*:/

/**
 * The top-level fields before `entry` in `head` (the first bytes of a Bundle): undefined while
 * more bytes are needed, null when they cannot be read early (the caller stops looking).
 */
export function earlyFields(head: Uint8Array): Record<string, unknown> | null | undefined {
  let text: string
  try {
    text = strFromU8(head.subarray(0, EARLY_FIELDS_LIMIT))
  } catch {
    return null
  }
  const match = ENTRY_KEY.exec(text)
  if (!match) return head.length >= EARLY_FIELDS_LIMIT ? null : undefined
  // `{"resourceType":"Bundle", …, "link":[…],` + `}`: parses only if `entry` is a top-level key.
  const prefix = text.slice(0, match.index).replace(/,\s*$/, '')
  try {
    const fields: unknown = JSON.parse(`${prefix}}`)
    return typeof fields === 'object' && fields !== null && !Array.isArray(fields)
      ? (fields as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

/** The `next` link among Bundle.link values, if any. */
export function nextOfLinks(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined
  const next = links.find((l: { relation?: unknown }) => l?.relation === 'next') as
    { url?: unknown } | undefined
  return typeof next?.url === 'string' ? next.url : undefined
}
