import { strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { EARLY_FIELDS_LIMIT, earlyFields, nextOfLinks } from './early-fields'

const page = {
  resourceType: 'Bundle',
  type: 'searchset',
  total: 3119,
  link: [
    { relation: 'self', url: 'https://ror/fhir/HealthcareService?_lastUpdated=ge2026' },
    { relation: 'next', url: 'https://ror/fhir?_getpages=abc&_offset=1000' },
  ],
  entry: [{ fullUrl: 'x', resource: { resourceType: 'HealthcareService', id: 'a' } }],
}

describe('Bundle fields read before the entries', () => {
  it('reads total and the next link from the first bytes of a page', () => {
    const bytes = strToU8(JSON.stringify(page, null, 1))
    const head = bytes.subarray(0, JSON.stringify(page, null, 1).indexOf('"fullUrl"'))
    const fields = earlyFields(head)
    expect(fields?.total).toBe(3119)
    expect(nextOfLinks(fields?.link)).toBe('https://ror/fhir?_getpages=abc&_offset=1000')
    // Not there yet: more bytes are needed.
    expect(earlyFields(bytes.subarray(0, 60))).toBeUndefined()
  })

  it('gives up when the entries come first, or the key is not a top-level one', () => {
    const { entry, ...rest } = page
    const entriesFirst = JSON.stringify({ entry, ...rest })
    expect(nextOfLinks(earlyFields(strToU8(entriesFirst))?.link)).toBeUndefined()
    const nested = JSON.stringify({ meta: { entry: 1 }, ...rest })
    expect(earlyFields(strToU8(nested))).toBeNull()
    const long = JSON.stringify({ resourceType: 'Bundle', id: 'x'.repeat(EARLY_FIELDS_LIMIT) })
    expect(earlyFields(strToU8(long))).toBeNull()
  })

  it('finds no next link on the last page', () => {
    expect(nextOfLinks([{ relation: 'self', url: 'u' }])).toBeUndefined()
    expect(nextOfLinks('not links')).toBeUndefined()
  })
})
