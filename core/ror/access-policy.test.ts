/**
 * The access policy as a table (offers and organisations): every policed element × every
 * profile 0–5, kept or removed (ROR-FHIR-NOTES §4.1/§4.2). Expected rows are written out here,
 * independently of access-rules.ts, so a change in the rules shows up as a failing row.
 * Places, roles and professionals: access-policy-resources.test.ts.
 */
import { describe, expect, it } from 'vitest'
import {
  ALL,
  LEVEL1,
  LEVEL2_MS,
  LEVEL2_OTHER,
  MCO_ROW,
  MS_ROW,
  ONLY_1,
  cc,
  charCodes,
  exists,
  exts,
  hasExt,
  hsContact,
  lvl,
  offer,
  org,
  restricted,
  telecom,
  telecoms,
  withExt,
  policyTable,
} from '../../tests/support/access-cases'
import { applyAccessPolicy, buildAccessContext } from './access-policy'
import type { Organization } from './fhir-types'
import { EXT, FIELD } from './urls'

policyTable('access policy: offers × profiles', [
  {
    name: 'HealthcareService (not sensitive)',
    resource: offer('hs', FIELD.mco),
    kept: exists,
    expected: ALL,
  },
  {
    name: 'HealthcareService, unité sensible (whole offer)',
    resource: offer('hs', FIELD.mco, { sensitive: true }),
    kept: exists,
    expected: ONLY_1,
  },
  {
    name: 'HealthcareService.extension[sensitive-unit] flag',
    resource: offer('hs', FIELD.mco),
    kept: hasExt(EXT.sensitiveUnit),
    expected: ONLY_1,
  },
  {
    name: 'HealthcareService.characteristic[careMode] (public)',
    resource: {
      ...offer('hs', FIELD.mco),
      characteristic: [cc('TRE_R213-ModePriseEnCharge', '28')],
    },
    kept: (r) => charCodes(r).includes('28'),
    expected: ALL,
  },
  {
    name: 'HealthcareService.characteristic[expertiseLevel] (public)',
    resource: { ...offer('hs', FIELD.mco), characteristic: [cc('TRE_R253-TypeMaternite', '04')] },
    kept: (r) => charCodes(r).includes('04'),
    expected: ALL,
  },
  restricted('specificAct', 'TRE_R210-ActeSpecifique', '0529', FIELD.mco, MCO_ROW),
  restricted('specificAct', 'TRE_R210-ActeSpecifique', '0529', FIELD.ms, MS_ROW),
  restricted('outsideOfficeAct', 'TRE_R210-ActeSpecifique', '0316', FIELD.ville, MCO_ROW),
  restricted(
    'takingCareSpeciality',
    'TRE_R245-SpecialisationDePriseEnCharge',
    '02',
    FIELD.psy,
    MCO_ROW,
  ),
  restricted(
    'takingCareSpeciality',
    'TRE_R245-SpecialisationDePriseEnCharge',
    '02',
    FIELD.ms,
    MS_ROW,
  ),
  restricted('ressourceProfession', 'TRE_R356-ProfessionRessource', '05', FIELD.smr, MCO_ROW),
  restricted('specificCompetence', 'TRE_R243-CompetenceSpecifique', '01', FIELD.mco, MCO_ROW),
  restricted('specificCompetence', 'TRE_R243-CompetenceSpecifique', '01', FIELD.ms, MS_ROW),
  restricted('unrecognised slice', 'TRE_R999-Inconnu', '77', FIELD.mco, MCO_ROW),
  {
    name: 'HealthcareService contact level 1',
    resource: withExt(offer('hs', FIELD.mco), hsContact('1')),
    kept: hasExt(EXT.hsContact),
    expected: LEVEL1,
  },
  {
    name: 'HealthcareService contact level 2 (MS)',
    resource: withExt(offer('hs', FIELD.ms), hsContact('2')),
    kept: hasExt(EXT.hsContact),
    expected: LEVEL2_MS,
  },
  {
    name: 'HealthcareService contact level 2 (MCO)',
    resource: withExt(offer('hs', FIELD.mco), hsContact('2')),
    kept: hasExt(EXT.hsContact),
    expected: LEVEL2_OTHER,
  },
  {
    name: 'HealthcareService contact level 2 (ville)',
    resource: withExt(offer('hs', FIELD.ville), hsContact('2')),
    kept: hasExt(EXT.hsContact),
    expected: LEVEL2_OTHER,
  },
  {
    name: 'HealthcareService contact level 3',
    resource: withExt(offer('hs', FIELD.ms), hsContact('3')),
    kept: hasExt(EXT.hsContact),
    expected: ONLY_1,
  },
  {
    name: 'HealthcareService contact level 1 › telecom level 2 (MCO)',
    resource: withExt(offer('hs', FIELD.mco), hsContact('1', '2')),
    kept: (r) =>
      (exts(r, EXT.hsContact)[0]?.extension ?? []).some((e) => e.url === EXT.hsContactTelecom),
    expected: LEVEL2_OTHER,
  },
  {
    name: 'HealthcareService contact without level (read as 3)',
    resource: withExt(offer('hs', FIELD.mco), {
      url: EXT.hsContact,
      extension: [{ url: 'description', valueString: 'x' }],
    }),
    kept: hasExt(EXT.hsContact),
    expected: ONLY_1,
  },
  {
    name: 'HealthcareService.telecom (MSS) level 1',
    resource: { ...offer('hs', FIELD.mco), telecom: [telecom('mss', '1')] },
    kept: (r) => telecoms(r).includes('mss'),
    expected: LEVEL1,
  },
  {
    name: 'HealthcareService.telecom (MSS) level 2 (MS)',
    resource: { ...offer('hs', FIELD.ms), telecom: [telecom('mss', '2')] },
    kept: (r) => telecoms(r).includes('mss'),
    expected: LEVEL2_MS,
  },
])

policyTable('access policy: organisations × profiles', [
  {
    name: 'Organization (identity, FINESS, address)',
    resource: org('eg', { identifier: [{ value: '1' }], address: [{ city: 'X' }] }),
    kept: (r: Organization | null) => r?.identifier !== undefined && r.address !== undefined,
    expected: ALL,
  },
  {
    name: 'Organization.extension[drop-zone]',
    resource: org('eg', { extension: [{ url: EXT.dropZone, valueBoolean: true }] }),
    kept: hasExt(EXT.dropZone),
    expected: ONLY_1,
  },
  {
    name: 'Organization.extension[level-recourse-orsan]',
    resource: org('eg', { extension: [{ url: EXT.orsanLevel, valueCode: '2' }] }),
    kept: hasExt(EXT.orsanLevel),
    expected: ONLY_1,
  },
  {
    // The IG's extension id spells it « recours »: it must be filtered just the same.
    name: 'Organization.extension[level-recours-orsan] (IG id spelling)',
    resource: org('eg', { extension: [{ url: EXT.orsanLevelId, valueCode: '2' }] }),
    kept: hasExt(EXT.orsanLevelId),
    expected: ONLY_1,
  },
  ...(['1', '2', '3'] as const).map((level) => ({
    name: `Organization.contact level ${level} (EG of MS offers)`,
    resource: org('eg', {
      contact: [
        { extension: [lvl(EXT.contactConfidentiality, level)], telecom: [telecom('c', '1')] },
      ],
    }),
    others: [
      org('oi', { partOf: { reference: 'Organization/eg' } }),
      offer('o', FIELD.ms, { org: 'oi' }),
    ],
    kept: (r: Organization | null) => r?.contact !== undefined,
    expected: { '1': LEVEL1, '2': LEVEL2_MS, '3': ONLY_1 }[level],
  })),
  {
    name: 'Organization.contact level 2 (EG of MCO offers)',
    resource: org('eg', { contact: [{ extension: [lvl(EXT.contactConfidentiality, '2')] }] }),
    others: [offer('o', FIELD.mco, { org: 'eg' })],
    kept: (r: Organization | null) => r?.contact !== undefined,
    expected: LEVEL2_OTHER,
  },
  {
    name: 'Organization.contact level 2, context without organisation facts',
    resource: org('eg', { contact: [{ extension: [lvl(EXT.contactConfidentiality, '2')] }] }),
    ctx: { offer: () => undefined, offersOfLocation: () => [] },
    kept: (r: Organization | null) => r?.contact !== undefined,
    expected: LEVEL2_OTHER,
  },
  {
    name: 'Organization.contact level 1 › telecom level 2',
    resource: org('eg', {
      contact: [
        { extension: [lvl(EXT.contactConfidentiality, '1')], telecom: [telecom('c', '2')] },
      ],
    }),
    kept: (r: Organization | null) => (r?.contact?.[0]?.telecom ?? []).length > 0,
    expected: LEVEL2_OTHER,
  },
  {
    name: 'Organization.telecom (MSS) level 2',
    resource: org('eg', { telecom: [telecom('mss', '2')] }),
    kept: (r) => telecoms(r).includes('mss'),
    expected: LEVEL2_OTHER,
  },
])

describe('access policy: result shape', () => {
  it('returns a deep copy (mutating it does not touch the input)', () => {
    const input = { ...offer('hs', FIELD.ms), telecom: [telecom('mss', '1')] }
    const { resource } = applyAccessPolicy(input, 1, buildAccessContext([input]))
    resource!.telecom![0]!.value = 'changed'
    expect(input.telecom[0]!.value).toBe('mss')
  })

  it('names removed elements by path and slice, and drops arrays it empties', () => {
    const input = withExt(
      { ...offer('hs', FIELD.mco), telecom: [telecom('a', '3')] },
      hsContact('1', '2'),
      hsContact('3'),
    )
    const { resource, removed } = applyAccessPolicy(input, 0, buildAccessContext([input]))
    expect(removed).toEqual([
      'HealthcareService.extension:ror-healthcareservice-sensitive-unit[0]',
      'HealthcareService.extension:ror-healthcareservice-contact[0].extension:ror-healthcareservice-contact-telecom[0]',
      'HealthcareService.extension:ror-healthcareservice-contact[1]',
      'HealthcareService.telecom[0]',
    ])
    expect(resource).not.toHaveProperty('telecom')
    expect(exts(resource, EXT.hsContact)).toHaveLength(1)
  })

  it('hides a sensitive offer whole and says so', () => {
    const input = offer('hs', FIELD.psy, { sensitive: true })
    expect(applyAccessPolicy(input, 2, buildAccessContext([input]))).toEqual({
      resource: null,
      removed: ['HealthcareService'],
    })
  })
})
