import { describe, expect, it } from 'vitest'
import { MAX_STRING_LENGTH, validateRorResource } from './schemas'

const meta = { lastUpdated: '2025-01-01T00:00:00.000+01:00' }
const hs = { resourceType: 'HealthcareService', id: 'hs-1', meta, name: 'Offre' }

describe('validateRorResource', () => {
  it('accepts a minimal offer and keeps unknown elements', () => {
    const v = validateRorResource({ ...hs, comment: 'x', _name: { extension: [] } })
    expect(v.ok).toBe(true)
    if (v.ok) expect(v.resource).toMatchObject({ comment: 'x', _name: { extension: [] } })
  })

  it.each([
    ['not an object', 42, '?', '(resource)', 'not a JSON object'],
    ['an array', [hs], '?', '(resource)', 'not a JSON object'],
    ['no resourceType', { id: 'x' }, '?', 'resourceType', 'missing resourceType'],
    [
      'another type',
      { resourceType: 'Task', id: 't' },
      'Task',
      'resourceType',
      'not a ROR resource type',
    ],
    [
      'no id',
      { ...hs, id: undefined },
      'HealthcareService',
      'HealthcareService.id',
      'expected string',
    ],
    [
      'a bad id',
      { ...hs, id: 'a b' },
      'HealthcareService',
      'HealthcareService.id',
      'not a FHIR id',
    ],
    [
      'a 65-char id',
      { ...hs, id: 'x'.repeat(65) },
      'HealthcareService',
      'HealthcareService.id',
      'not a FHIR id',
    ],
    [
      'no meta',
      { ...hs, meta: undefined },
      'HealthcareService',
      'HealthcareService.meta',
      'expected object',
    ],
    [
      'no lastUpdated',
      { ...hs, meta: {} },
      'HealthcareService',
      'HealthcareService.meta.lastUpdated',
      'expected string',
    ],
    [
      'a date as lastUpdated',
      { ...hs, meta: { lastUpdated: '2025-01-01' } },
      'HealthcareService',
      'HealthcareService.meta.lastUpdated',
      'not a FHIR instant',
    ],
    [
      'no name',
      { ...hs, name: undefined },
      'HealthcareService',
      'HealthcareService.name',
      'expected string',
    ],
    [
      'a numeric name',
      { ...hs, name: 12 },
      'HealthcareService',
      'HealthcareService.name',
      'expected string',
    ],
    [
      'an object as identifier',
      { ...hs, identifier: { value: 'x' } },
      'HealthcareService',
      'HealthcareService.identifier',
      'expected array',
    ],
    [
      'a decimal valueInteger deep in an extension',
      { ...hs, extension: [{ url: 'u', extension: [{ url: 'v', valueInteger: 1.5 }] }] },
      'HealthcareService',
      'HealthcareService.extension[0].extension[0].valueInteger',
      'expected int',
    ],
    [
      'a string age bound',
      {
        ...hs,
        extension: [
          { url: 'p', extension: [{ url: 'ageRange', valueRange: { low: { value: '3' } } }] },
        ],
      },
      'HealthcareService',
      'HealthcareService.extension[0].extension[0].valueRange.low.value',
      'expected number',
    ],
    [
      'an extension without url',
      { ...hs, extension: [{ valueString: 'x' }] },
      'HealthcareService',
      'HealthcareService.extension[0].url',
      'expected string',
    ],
    [
      'a string latitude',
      { resourceType: 'Location', id: 'l', meta, position: { latitude: '47.8', longitude: 1.9 } },
      'Location',
      'Location.position.latitude',
      'expected number',
    ],
    [
      'a Location position without longitude',
      { resourceType: 'Location', id: 'l', meta, position: { latitude: 47.8 } },
      'Location',
      'Location.position.longitude',
      'expected number',
    ],
    [
      'an Organization without name',
      { resourceType: 'Organization', id: 'o', meta },
      'Organization',
      'Organization.name',
      'expected string',
    ],
    [
      'a huge string (> 1 MB)',
      { ...hs, name: 'x'.repeat(MAX_STRING_LENGTH + 1) },
      'HealthcareService',
      'HealthcareService.name',
      'longer than 1 MB',
    ],
    [
      'a huge string inside a contact',
      {
        ...hs,
        extension: [
          {
            url: 'c',
            extension: [{ url: 'description', valueString: 'é'.repeat(MAX_STRING_LENGTH + 1) }],
          },
        ],
      },
      'HealthcareService',
      'HealthcareService.extension[0].extension[0].valueString',
      'longer than 1 MB',
    ],
  ])('rejects %s with the element path', (_label, value, resourceType, element, message) => {
    const v = validateRorResource(value)
    expect(v.ok).toBe(false)
    if (v.ok) return
    expect(v.reason.resourceType).toBe(resourceType)
    expect(v.reason.element).toBe(element)
    expect(v.reason.message).toContain(message)
  })

  it('reports the resource id (truncated to 64 chars) when there is one', () => {
    const v = validateRorResource({ ...hs, name: 3 })
    expect(v).toMatchObject({ ok: false, reason: { id: 'hs-1' } })
    const long = validateRorResource({ ...hs, id: 'y'.repeat(500) })
    expect(long).toMatchObject({ ok: false, reason: { id: 'y'.repeat(64) } })
  })

  it('accepts a long but legal string (FHIR allows up to 1 MB)', () => {
    expect(validateRorResource({ ...hs, name: 'N'.repeat(100_000) }).ok).toBe(true)
  })
})
