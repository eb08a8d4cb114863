/** Test helper: the FHIR values of the fixture files (JSON documents and NDJSON lines). */
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { RorResource } from '../../core/ror/fhir-types'
import { validateRorResource } from '../../core/ror/schemas'

export const EXAMPLES_DIR = fileURLToPath(new URL('../fixtures/ror-examples/', import.meta.url))
export const EDGE_DIR = fileURLToPath(new URL('../fixtures/edge/', import.meta.url))

/** Parsed values of one fixture file; unparsable NDJSON lines are returned as raw strings. */
export function fixtureValues(dir: string, file: string): unknown[] {
  const text = readFileSync(dir + file, 'utf8')
  if (file.endsWith('.ndjson')) {
    return text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        try {
          return JSON.parse(l) as unknown
        } catch {
          return l
        }
      })
  }
  const value: unknown = JSON.parse(text)
  return Array.isArray(value) ? value : [value]
}

/** Every parsable fixture file of a directory (skips the deliberately broken `not-json.json`). */
export function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(json|ndjson)$/.test(f) && f !== 'not-json.json')
    .sort()
}

/** All ROR-looking values (objects) of the files, Bundles flattened to their resources. */
export function fixtureResources(
  dir: string,
  files = fixtureFiles(dir),
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return
    const r = v as Record<string, unknown>
    if (r.resourceType === 'Bundle') {
      for (const e of (r.entry as { resource?: unknown }[] | undefined) ?? []) visit(e.resource)
    } else out.push(r)
  }
  for (const f of files) for (const v of fixtureValues(dir, f)) visit(v)
  return out
}

/**
 * The valid resources among `values`, one per `Type/id`: the latest `meta.lastUpdated` (the
 * later one of equal dates) — what a sync keeps of resources met more than once.
 */
export function latestValidVersions(values: Iterable<unknown>): Map<string, RorResource> {
  const winners = new Map<string, RorResource>()
  for (const v of values) {
    const r = validateRorResource(v)
    if (!r.ok) continue
    const key = `${r.resource.resourceType}/${r.resource.id}`
    const prev = winners.get(key)
    if (!prev || Date.parse(prev.meta!.lastUpdated!) <= Date.parse(r.resource.meta!.lastUpdated!)) {
      winners.set(key, r.resource)
    }
  }
  return winners
}
