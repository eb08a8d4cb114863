/** Autocomplete = brute-force filter and ranking of the catalogue entries (property test). */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbSnapshot } from '../../tests/support/search-arbitraries'
import { foldChars, foldText, isExpandedAbbreviation, tokenize } from '../geo/fold'
import { buildSearchIndex } from './build'
import { suggestActivities, suggestStructures } from './suggest'

function matches(fields: (string | undefined)[], text: string): boolean {
  const tokens = fields.flatMap((f) => (f ? tokenize(f) : []))
  return foldChars(text)
    .split(' ')
    .filter((t) => t !== '')
    .every((r) => {
      const alts = isExpandedAbbreviation(r) ? [tokenize(r)[0] ?? r, r] : [r]
      return alts.some((a) => tokens.some((t) => t.startsWith(a)))
    })
}

interface Entry {
  id: string
  key: string
  count: number
  fields: (string | undefined)[]
}

function ranked(entries: Entry[], text: string, limit: number): string[] {
  const folded = foldText(text)
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const tier = (e: Entry) => (e.key.startsWith(folded) ? 0 : 1)
  return entries
    .filter((e) => foldText(text) !== '' && matches(e.fields, text))
    .sort((a, b) => tier(a) - tier(b) || b.count - a.count || cmp(a.key, b.key) || cmp(a.id, b.id))
    .slice(0, limit)
    .map((e) => e.id)
}

const texts = fc.oneof(
  fc.constantFrom('h', 'st', 'hop', 'st e', 'cmp', '42', 'saint', 'l', 'Act', '0', 'zz'),
  fc.string({ maxLength: 4 }),
)

describe('autocomplete = brute force', () => {
  it('suggests the same structures, in the same order', () => {
    fc.assert(
      fc.property(arbSnapshot, texts, fc.integer({ min: 1, max: 6 }), (input, text, limit) => {
        const index = buildSearchIndex(input)
        const orgs = input.organizations ?? []
        const entries: Entry[] = orgs
          .map((o) => ({
            o,
            count: index.structures.offerCount[index.orgs.ids.indexOf(o.id)] ?? 0,
          }))
          .filter(({ o }) => index.orgs.ids.includes(o.id))
          .map(({ o, count }) => {
            const city =
              (o.address?.communeCode && input.commune?.(o.address.communeCode)?.name) ||
              o.address?.city
            return {
              id: o.id,
              key: foldText(o.name),
              count,
              fields: [o.name, o.alias, o.finess, city],
            }
          })
        expect(suggestStructures(index, text, limit).map((s) => s.id)).toEqual(
          ranked(entries, text, limit),
        )
      }),
      { numRuns: 200 },
    )
  })

  it('suggests the same activities, in the same order', () => {
    fc.assert(
      fc.property(arbSnapshot, texts, fc.integer({ min: 1, max: 6 }), (input, text, limit) => {
        const label = (c: string) => (c === '409' ? 'Pédopsychiatrie' : `Activité ${c}`)
        const index = buildSearchIndex({ ...input, activityLabel: label, familyLabel: label })
        const entries: Entry[] = index.activityCatalog.entries.map((e) => ({
          id: `${e.kind}:${e.code}`,
          key: foldText(e.label),
          count: e.offerCount,
          fields: [e.label, e.code],
        }))
        expect(suggestActivities(index, text, limit).map((s) => `${s.kind}:${s.code}`)).toEqual(
          ranked(entries, text, limit),
        )
      }),
      { numRuns: 200 },
    )
  })
})
