/**
 * Test helper for the access-policy table tests (core/ror/access-policy*.test.ts): tiny FHIR
 * builders, the expected rows, and the runner that checks every case for every profile.
 */
import { describe, expect, it } from 'vitest'
import {
  applyAccessPolicy,
  buildAccessContext,
  type AccessContext,
} from '../../core/ror/access-policy'
import type { Extension, Resource } from '../../core/ror/fhir-types'
import { EXT, nos } from '../../core/ror/urls'
import { ACCESS_PROFILES, type AccessProfile } from '../../core/snapshot/records'

export const T = true
export const F = false
export type Row = [boolean, boolean, boolean, boolean, boolean, boolean]

export const cc = (tre: string, code: string) => ({ coding: [{ system: nos(tre), code }] })
export const lvl = (url: string, code: string): Extension => ({
  url,
  valueCodeableConcept: cc('TRE_R283-NiveauConfidentialite', code),
})
export const telecom = (value: string, level: string) => ({
  value,
  system: 'phone',
  extension: [lvl(EXT.telecomConfidentiality, level)],
})
export const meta = { lastUpdated: '2025-01-01T00:00:00Z' }

export function offer(
  id: string,
  field: string,
  opts: { sensitive?: boolean; locations?: string[]; org?: string } = {},
) {
  return {
    resourceType: 'HealthcareService',
    id,
    meta,
    name: id,
    type: [cc('TRE_R227-ChampActivite', field)],
    extension: [{ url: EXT.sensitiveUnit, valueBoolean: opts.sensitive === true }] as Extension[],
    location: (opts.locations ?? []).map((l) => ({ reference: `Location/${l}` })),
    ...(opts.org ? { providedBy: { reference: `Organization/${opts.org}` } } : {}),
  }
}

export function hsContact(level: string, telecomLevel = level): Extension {
  return {
    url: EXT.hsContact,
    extension: [
      lvl(EXT.confidentiality, level),
      {
        url: EXT.hsContactTelecom,
        extension: [
          { url: 'telecomAddress', valueString: '01' },
          lvl(EXT.telecomConfidentiality, telecomLevel),
        ],
      },
    ],
  }
}

export const withExt = <R extends Resource>(r: R, ...ext: Extension[]): R => ({
  ...r,
  extension: [...(r.extension ?? []), ...ext],
})

export interface Case {
  name: string
  resource: Resource
  /** Other resources the context is built from. */
  others?: Resource[]
  ctx?: AccessContext
  kept: (out: Resource | null) => boolean
  expected: Row
}

export const exts = (r: Resource | null, url: string) =>
  (r?.extension ?? []).filter((e) => e.url === url)
export const hasExt = (url: string) => (r: Resource | null) => exts(r, url).length > 0
export const charCodes = (r: Resource | null) =>
  ((r?.characteristic as { coding: { code: string }[] }[] | undefined) ?? []).map(
    (c) => c.coding[0]!.code,
  )
export const telecoms = (r: Resource | null) =>
  ((r?.telecom as { value: string }[] | undefined) ?? []).map((t) => t.value)
export const exists = (r: Resource | null) => r !== null

export const restricted = (
  slice: string,
  tre: string,
  code: string,
  field: string,
  expected: Row,
): Case => {
  const cch = slice.endsWith('Act')
    ? { ...cc(tre, code), extension: [{ url: EXT.actType, valueCode: slice }] }
    : cc(tre, code)
  return {
    name: `HealthcareService.characteristic[${slice}] (champ ${field})`,
    resource: {
      ...offer('hs', field),
      characteristic: [cc('TRE_R213-ModePriseEnCharge', '28'), cch],
    },
    kept: (r) => charCodes(r).includes(code),
    expected,
  }
}

export const MCO_ROW: Row = [F, T, T, F, T, T]
export const MS_ROW: Row = [F, T, T, T, T, T]
export const LEVEL1: Row = [T, T, T, T, F, T]
export const LEVEL2_MS: Row = [F, T, T, T, F, T]
export const LEVEL2_OTHER: Row = [F, T, T, F, F, T]
export const ONLY_1: Row = [F, T, F, F, F, F]
export const ALL: Row = [T, T, T, T, T, T]

export const loc = (id: string, extra: Partial<Resource> = {}): Resource => ({
  resourceType: 'Location',
  id,
  meta,
  ...extra,
})
export const capacity: Extension = {
  url: EXT.supportedCapacity,
  extension: [{ url: 'nbCapacity', valueInteger: 3 }],
}
export const residential: Extension = {
  url: EXT.residentialCapacity,
  extension: [{ url: 'residentialNumber', valueInteger: 2 }],
}
export const org = (id: string, extra: Partial<Resource> = {}): Resource => ({
  resourceType: 'Organization',
  id,
  meta,
  name: id,
  ...extra,
})
export const role = (id: string, hs: string, extra: Partial<Resource> = {}): Resource => ({
  resourceType: 'PractitionerRole',
  id,
  meta,
  identifier: [{ value: 'R1' }],
  practitioner: { reference: 'Practitioner/p1' },
  healthcareService: [{ reference: `HealthcareService/${hs}` }],
  extension: [
    {
      url: EXT.practitionerRoleName,
      extension: [{ url: 'exerciseLastName', valueString: 'Edge' }],
    },
  ],
  ...extra,
})
export const person: Resource = {
  resourceType: 'Practitioner',
  id: 'p1',
  meta,
  name: [{ family: 'Edge' }],
  telecom: [telecom('07', '1'), telecom('08', '2')],
}

/** One `it` per case × profile: kept or removed as expected, removal listed, input untouched. */
export function policyTable(title: string, cases: readonly Case[]): void {
  const rows = cases.flatMap((c) =>
    ACCESS_PROFILES.map((p) => [c.name, p, c.expected[p] ? 'kept' : 'removed', c] as const),
  )
  describe(title, () => {
    it.each(rows)('%s — profile %i: %s', (_name, profile: AccessProfile, _expected, c) => {
      const ctx = c.ctx ?? buildAccessContext([c.resource, ...(c.others ?? [])])
      const before = JSON.stringify(c.resource)
      const { resource, removed } = applyAccessPolicy(c.resource, profile, ctx)
      expect(c.kept(resource)).toBe(c.expected[profile])
      if (!c.expected[profile]) expect(removed.length).toBeGreaterThan(0)
      expect(JSON.stringify(c.resource)).toBe(before)
    })
  })
}
