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
import type {
  CodeableConcept,
  ContactPoint,
  Extension,
  HealthcareService,
  Location,
  Organization,
  Practitioner,
  PractitionerRole,
  Resource,
  RorResource,
} from '../../core/ror/fhir-types'
import { EXT, nos } from '../../core/ror/urls'
import { ACCESS_PROFILES, type AccessProfile } from '../../core/snapshot/records'

export const T = true
export const F = false
export type Row = [boolean, boolean, boolean, boolean, boolean, boolean]

export const cc = (tre: string, code: string): CodeableConcept => ({
  coding: [{ system: nos(tre), code }],
})
export const lvl = (url: string, code: string): Extension => ({
  url,
  valueCodeableConcept: cc('TRE_R283-NiveauConfidentialite', code),
})
export const telecom = (value: string, level: string): ContactPoint => ({
  value,
  system: 'phone',
  extension: [lvl(EXT.telecomConfidentiality, level)],
})
export const meta = { lastUpdated: '2025-01-01T00:00:00Z' }

export function offer(
  id: string,
  field: string,
  opts: { sensitive?: boolean; locations?: string[]; org?: string } = {},
): HealthcareService {
  return {
    resourceType: 'HealthcareService',
    id,
    meta,
    name: id,
    type: [cc('TRE_R227-ChampActivite', field)],
    extension: [{ url: EXT.sensitiveUnit, valueBoolean: opts.sensitive === true }],
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

export const withExt = <R extends RorResource>(r: R, ...ext: Extension[]): R => ({
  ...r,
  extension: [...(r.extension ?? []), ...ext],
})

/** One policed element: a resource, its context, and which profiles keep the element. */
export interface Case<R extends Resource = RorResource> {
  name: string
  resource: R
  /** Other resources the context is built from. */
  others?: Resource[]
  ctx?: AccessContext
  /**
   * Whether the element survived in the filtered copy of `resource`. Method syntax on purpose:
   * a case may declare a narrower parameter (e.g. `(r: Location | null) => …`), which is sound
   * because the runner only ever passes the copy of that case's own resource.
   */
  kept(out: R | null): boolean
  expected: Row
}

export const exts = (r: RorResource | null, url: string): Extension[] =>
  (r?.extension ?? []).filter((e) => e.url === url)
export const hasExt = (url: string) => (r: RorResource | null) => exts(r, url).length > 0
/** First code of each characteristic (only a HealthcareService has `characteristic`). */
export const charCodes = (r: RorResource | null): (string | undefined)[] =>
  r?.resourceType === 'HealthcareService'
    ? (r.characteristic ?? []).map((c) => c.coding?.[0]?.code)
    : []
export const telecoms = (r: RorResource | null): (string | undefined)[] =>
  (r?.telecom ?? []).map((t) => t.value)
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

export const loc = (id: string, extra: Partial<Location> = {}): Location => ({
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
export const org = (id: string, extra: Partial<Organization> = {}): Organization => ({
  resourceType: 'Organization',
  id,
  meta,
  name: id,
  ...extra,
})
export const role = (
  id: string,
  hs: string,
  extra: Partial<PractitionerRole> = {},
): PractitionerRole => ({
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
export const person: Practitioner = {
  resourceType: 'Practitioner',
  id: 'p1',
  meta,
  name: [{ family: 'Edge' }],
  telecom: [telecom('07', '1'), telecom('08', '2')],
}

/**
 * One `it` per case × profile: kept or removed as expected, removal listed, input untouched.
 * `R` is the five ROR types unless given (e.g. `policyTable<Task>` for a type the policy skips).
 */
export function policyTable<R extends Resource = RorResource>(
  title: string,
  cases: readonly Case<NoInfer<R>>[],
): void {
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
