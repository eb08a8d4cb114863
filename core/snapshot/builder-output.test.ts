import { describe, expect, it } from 'vitest'
import {
  EDGE_DIR,
  EXAMPLES_DIR,
  fixtureResources,
  latestValidVersions,
} from '../../tests/support/fhir-fixtures'
import { applyAccessPolicy, buildAccessContext } from '../ror/access-policy'
import type { Resource, RorResource } from '../ror/fhir-types'
import { mapResource } from '../ror/map'
import { inflateSync } from 'fflate'
import { SnapshotBuilder } from './builder'
import type { Inflate } from './builder-output'
import { ACCESS_PROFILES, RECORD_TYPES, type DomainRecord } from './records'

/**
 * The fixtures, `copies` times, each copy with its own ids (and references to them): enough
 * records for several batches and many blocks per type.
 */
function replicated(copies: number): Record<string, unknown>[] {
  const base = [...fixtureResources(EXAMPLES_DIR), ...fixtureResources(EDGE_DIR)]
  const ids = [...new Set(base.map((r) => r.id).filter((id) => typeof id === 'string'))]
  const texts = base.map((r) => JSON.stringify(r))
  const out: Record<string, unknown>[] = []
  for (let k = 0; k < copies; k++) {
    for (const text of texts) {
      let copy = text
      for (const id of ids as string[]) {
        copy = copy
          .replaceAll(`"id":"${id}"`, `"id":"${id}-${k}"`)
          .replaceAll(`/${id}"`, `/${id}-${k}"`)
      }
      out.push(JSON.parse(copy) as Record<string, unknown>)
    }
  }
  return out
}

/** A decoder into the reader's buffer (`Inflate.into`), which `fits` says when it can. */
function intoInflate(fits: () => boolean): Inflate {
  const inflate: Inflate = (bytes) => inflateSync(bytes)
  inflate.into = (bytes, out) => {
    if (!fits()) return undefined
    const got = inflateSync(bytes, { out })
    return got.length < out.length ? got : undefined
  }
  return inflate
}

describe('BuildOutput over many batches and blocks', () => {
  const values = replicated(120)
  let n = 0
  const decoders: [string, Inflate | undefined][] = [
    ['fflate', undefined],
    ['into the cursor’s buffer', intoInflate(() => true)],
    ['into the cursor’s buffer, one block in three not fitting', intoInflate(() => ++n % 3 > 0)],
  ]

  // Every profile; the buffer-reusing decoders with the profiles that narrow records.
  const cases = ACCESS_PROFILES.flatMap((p) =>
    decoders
      .filter((_, i) => i === 0 || p === 0 || p === 3)
      .map(([name, d]) => [p, name, d] as const),
  )

  it.each(cases)(
    'profile %i, blocks decoded by %s: equals mapping each resource filtered with the full context',
    (profile, _name, inflate) => {
      const winners = latestValidVersions(values)
      const ctx = buildAccessContext(winners.values())
      const expected = new Map<string, DomainRecord>()
      for (const r of winners.values()) {
        const filtered = applyAccessPolicy<Resource>(r, profile, ctx).resource
        if (!filtered) continue
        const record = mapResource(filtered as RorResource)
        expected.set(`${record.type}/${record.id}`, record)
      }
      const builder = new SnapshotBuilder({ profile, ...(inflate ? { inflate } : {}) })
      builder.addAll(values)
      const result = builder.finish()
      const actual = new Map<string, DomainRecord>()
      for (const type of RECORD_TYPES) {
        const bytes = [...result.jsonBytesOf!(type)]
        expect(bytes).toHaveLength(result.stats.counts[type])
        for (const b of bytes) {
          const record = JSON.parse(new TextDecoder().decode(b)) as DomainRecord
          actual.set(`${record.type}/${record.id}`, record)
        }
      }
      expect(actual.size).toBeGreaterThan(2000)
      expect(actual).toEqual(expected)
    },
  )
})
