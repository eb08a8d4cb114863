/**
 * Small, defensive helpers to read FHIR elements. Every helper tolerates missing elements:
 * structure has been validated at the boundary (schemas.ts), business content may be absent.
 */
import type {
  CodeableConcept,
  Coding,
  Element,
  Extension,
  HumanName,
  Identifier,
  Meta,
  Reference,
} from './fhir-types'
import { CS } from './urls'

/**
 * All extensions of `holder` whose url is `url` (or `alt`). Two fixed parameters rather than a
 * list: these lookups run a few hundred times per resource during a sync.
 */
export function extensionsByUrl(
  holder: Element | undefined,
  url: string,
  alt?: string,
): Extension[] {
  const all = holder?.extension
  const out: Extension[] = []
  if (!all) return out
  for (const e of all) if (e.url === url || (alt !== undefined && e.url === alt)) out.push(e)
  return out
}

/** First extension of `holder` whose url is `url` (or `alt`). */
export function extensionByUrl(
  holder: Element | undefined,
  url: string,
  alt?: string,
): Extension | undefined {
  const all = holder?.extension
  if (!all) return undefined
  for (const e of all) if (e.url === url || (alt !== undefined && e.url === alt)) return e
  return undefined
}

/**
 * The code carried by an extension, whatever its value form: `valueCodeableConcept` (what
 * examples and the write spec use), `valueCode` (what several profiles declare), `valueCoding`
 * or `valueString` (notes §3.3 ⚠: parse both forms).
 */
export function extensionCode(ext: Extension | undefined): string | undefined {
  if (!ext) return undefined
  return (
    firstCode(ext.valueCodeableConcept) ??
    nonEmpty(ext.valueCode) ??
    nonEmpty(ext.valueCoding?.code) ??
    nonEmpty(ext.valueString)
  )
}

/** The system that goes with {@link extensionCode}, when served. */
export function extensionSystem(ext: Extension | undefined): string | undefined {
  if (!ext) return undefined
  return ext.valueCodeableConcept?.coding?.find((c) => c.code)?.system ?? ext.valueCoding?.system
}

/** First non-empty code of a CodeableConcept. */
export function firstCode(cc: CodeableConcept | undefined): string | undefined {
  return nonEmpty(cc?.coding?.find((c) => isNonEmpty(c.code))?.code)
}

/** First coding whose system is `system`, across one or several CodeableConcepts. */
export function codingBySystem(
  concepts: CodeableConcept | readonly CodeableConcept[] | undefined,
  system: string,
): Coding | undefined {
  for (const cc of toArray(concepts)) {
    const hit = cc.coding?.find((c) => c.system === system && isNonEmpty(c.code))
    if (hit) return hit
  }
  return undefined
}

/** Codes of every CodeableConcept whose first coding has `system` (or any system when omitted). */
export function codesBySystem(
  concepts: readonly CodeableConcept[] | undefined,
  system?: string,
): string[] {
  const out: string[] = []
  for (const cc of concepts ?? []) {
    for (const c of cc.coding ?? []) {
      if ((system === undefined || c.system === system) && isNonEmpty(c.code)) out.push(c.code)
    }
  }
  return out
}

/** The identifier whose `type` carries the given code (JDV_J236), whatever its system. */
export function identifierByTypeCode(
  identifiers: readonly Identifier[] | undefined,
  typeCode: string,
): Identifier | undefined {
  return identifiers?.find((id) => id.type?.coding?.some((c) => c.code === typeCode))
}

/**
 * The id part of a literal reference: `Organization/123`, an absolute URL
 * `https://…/Organization/123/_history/2`, or `urn:uuid:…`. When `type` is given the
 * reference must point to that resource type.
 */
export function referenceId(ref: Reference | undefined, type?: string): string | undefined {
  const raw = ref?.reference
  if (!raw) return undefined
  if (raw.startsWith('urn:uuid:') || raw.startsWith('#')) return undefined
  const parts = raw.split('/').filter((p) => p.length > 0)
  const historyAt = parts.indexOf('_history')
  const end = historyAt >= 0 ? historyAt : parts.length
  const id = parts[end - 1]
  const refType = parts[end - 2]
  if (!id || !refType) return undefined
  if (type !== undefined && refType !== type) return undefined
  return id
}

/** Source region of a resource: `meta.tag` with system TRE_R30 (notes §1). */
export function regionTag(meta: Meta | undefined): string | undefined {
  const tag = meta?.tag?.find((t) => t.system === CS.region && isNonEmpty(t.code))
  return nonEmpty(tag?.code)
}

/** `prefix given family` parts of a HumanName, omitting what is absent. */
export function humanName(
  name: HumanName | undefined,
): { prefix?: string; given?: string; family?: string } | undefined {
  if (!name) return undefined
  const out: { prefix?: string; given?: string; family?: string } = {}
  const prefix = name.prefix?.filter(isNonEmpty).join(' ')
  const given = name.given?.filter(isNonEmpty).join(' ')
  if (prefix) out.prefix = prefix
  if (given) out.given = given
  if (isNonEmpty(name.family)) out.family = name.family
  return Object.keys(out).length > 0 ? out : undefined
}

/** A HumanName written out for display (`text` first, else prefix given family). */
export function humanNameText(name: HumanName | undefined): string | undefined {
  if (isNonEmpty(name?.text)) return name.text
  const parts = humanName(name)
  if (!parts) return undefined
  return [parts.prefix, parts.given, parts.family].filter(Boolean).join(' ')
}

/**
 * Extracts the NOS identifier (`TRE_R213`, `JDV_J19`, `TRE_G15`…) from a NOS system URL, so
 * that slices can be recognised whether the producer used the TRE or the JDV URL.
 */
export function nosId(system: string | undefined): string | undefined {
  if (!system) return undefined
  const cached = NOS_IDS.get(system)
  if (cached !== undefined || NOS_IDS.has(system)) return cached
  const id = /\/NOS\/((?:TRE|JDV|ASS)_[A-Z]\d+)/.exec(system)?.[1]
  // A national extract uses a few dozen systems; the bound only guards against odd input.
  if (NOS_IDS.size < 4096) NOS_IDS.set(system, id)
  return id
}

const NOS_IDS = new Map<string, string | undefined>()

/** Type guard: `value` is a non-empty string. */
export function isNonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0
}

/** `value` when it is a non-empty string, else undefined. */
export function nonEmpty(value: unknown): string | undefined {
  return isNonEmpty(value) ? value : undefined
}

function toArray<T>(v: T | readonly T[] | undefined): readonly T[] {
  if (v === undefined) return []
  return Array.isArray(v) ? (v as readonly T[]) : [v as T]
}
