/**
 * The filtering pass copies nothing when nothing is removed, and never touches its input; the
 * scopes and placements it is given are shared by their distinct fields.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EXAMPLES_DIR, fixtureResources } from '../../tests/support/fhir-fixtures'
import { hsContact, offer, telecom, withExt } from '../../tests/support/access-cases'
import { ACCESS_PROFILES } from '../snapshot/records'
import {
  buildAccessContext,
  filterWithPlacement,
  placementInContext,
  placementOf,
} from './access-policy'
import { ACCESS_RULES, scopeOfFields, type Condition } from './access-rules'
import type { Resource } from './fhir-types'
import { FIELD } from './urls'

/** Freezes a JSON value and everything in it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

const examples = fixtureResources(EXAMPLES_DIR) as unknown as Resource[]
const offerWithContacts = withExt(
  { ...offer('hs', FIELD.mco, { locations: ['l1'] }), telecom: [telecom('a', '3')] },
  hsContact('1', '2'),
  hsContact('3'),
)

describe('access filter', () => {
  it.each(ACCESS_PROFILES)('never mutates its input, whatever it removes (profile %i)', (p) => {
    expect(examples.length).toBeGreaterThan(5)
    const resources = [...examples, offerWithContacts].map((r) => structuredClone(r))
    const ctx = buildAccessContext(resources)
    for (const r of resources) {
      const before = JSON.stringify(r)
      deepFreeze(r)
      const { resource } = filterWithPlacement(r, p, placementInContext(r, p, ctx))
      expect(JSON.stringify(r)).toBe(before)
      // The same object back exactly when nothing was removed.
      if (resource !== null && JSON.stringify(resource) === before) expect(resource).toBe(r)
    }
  })

  it('copies what it changes, down to the changed element only', () => {
    const input = deepFreeze(structuredClone(offerWithContacts))
    const ctx = buildAccessContext([input])
    const { resource, removed } = filterWithPlacement(input, 0, placementInContext(input, 0, ctx))
    expect(removed.length).toBeGreaterThan(0)
    expect(resource).not.toBe(input)
    // Untouched elements are shared with the input, not copied.
    expect(resource!.type).toBe(input.type)
    expect(resource!.location).toBe(input.location)
  })
})

/** What a scope of `fields` answers, written out (access-rules.ts before scopes were shared). */
function holds(fields: readonly (string | undefined)[], cond: Condition): boolean {
  if (typeof cond === 'boolean') return cond
  if ('allFieldsIn' in cond) {
    return fields.length > 0 && fields.every((f) => f !== undefined && cond.allFieldsIn.includes(f))
  }
  return fields.some((f) => f !== undefined && cond.anyFieldIn.includes(f))
}

const CONDITIONS = Object.values(ACCESS_RULES).flatMap((row) => Object.values(row))
const field = fc.option(fc.constantFrom(...Object.values(FIELD), 'other'), { nil: undefined })

describe('shared scopes and placements', () => {
  it('answers every rule as the offers themselves would', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 6 }), (fields) => {
        const scope = scopeOfFields(fields)
        for (const cond of CONDITIONS) expect(scope.holds(cond)).toBe(holds(fields, cond))
      }),
    )
  })

  it('is one object for the same distinct fields, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(field, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (fields, hidden) => {
          const facts = fields.map((f, i) => ({
            id: `o${i}`,
            isSensitive: hidden,
            locationIds: [],
            ...(f === undefined ? {} : { field: f }),
          }))
          const shuffled = [...facts].reverse()
          const again = [...facts, ...facts]
          for (const profile of [1, 2] as const) {
            const placement = placementOf(facts, profile)
            expect(placementOf(shuffled, profile)).toBe(placement)
            expect(placementOf(again, profile)).toBe(placement)
            expect(placement.hidden).toBe(profile !== 1 && hidden)
          }
        },
      ),
    )
  })
})
