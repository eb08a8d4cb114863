/**
 * Terminology access for the generator: the ROR value sets shipped in data/terminology/
 * (keyed by their short id, e.g. `J17` for JDV_J17-ActiviteOperationnelle-ROR) plus the few
 * lists of vocab-extra.ts. Asking for a code that is not in its list throws, so the generator
 * can only emit codes that exist (the category → offer tables are checked against it in tests).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CodeableConcept, Coding } from '../../core/ror/fhir-types'
import { EXTRA_VOCAB } from './vocab-extra'

export interface Concept {
  code: string
  display: string
  system: string
}

interface TerminologyFile {
  id: string
  concepts: { code: string; display: string; system: string }[]
}

const TERMINOLOGY_DIR = fileURLToPath(new URL('../../data/terminology/', import.meta.url))

let loaded: Map<string, Map<string, Concept>> | undefined

/** `JDV_J17-ActiviteOperationnelle-ROR` → `J17`; `ASS_A14-…` → `A14`. */
function shortId(fileId: string): string {
  const head = fileId.split('-')[0] ?? fileId
  return head.replace(/^(JDV|ASS|TRE)_/, '')
}

function load(): Map<string, Map<string, Concept>> {
  if (loaded) return loaded
  const all = new Map<string, Map<string, Concept>>()
  for (const file of readdirSync(TERMINOLOGY_DIR).filter((f) => f.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(join(TERMINOLOGY_DIR, file), 'utf8')) as TerminologyFile
    const byCode = new Map<string, Concept>()
    for (const c of data.concepts) byCode.set(c.code, { ...c })
    all.set(shortId(data.id), byCode)
  }
  for (const [key, concepts] of Object.entries(EXTRA_VOCAB)) {
    all.set(key, new Map(concepts.map((c) => [c.code, c])))
  }
  loaded = all
  return all
}

/** The concept `code` of list `key`; throws when either is unknown. */
export function concept(key: string, code: string): Concept {
  const list = load().get(key)
  if (!list) throw new Error(`vocab: unknown code list "${key}"`)
  const found = list.get(code)
  if (!found) throw new Error(`vocab: code "${code}" is not in ${key}`)
  return found
}

export function hasCode(key: string, code: string): boolean {
  return load().get(key)?.has(code) ?? false
}

/** All codes of a list, in file order. */
export function codesOf(key: string): string[] {
  return [...(load().get(key)?.keys() ?? [])]
}

export function coding(key: string, code: string): Coding {
  const c = concept(key, code)
  return { system: c.system, code: c.code, display: c.display }
}

export function codeable(key: string, code: string): CodeableConcept {
  return { coding: [coding(key, code)] }
}
