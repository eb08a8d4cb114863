/**
 * The access policy as a table (places, roles, professionals, other resources): every policed
 * element × every profile 0–5 (ROR-FHIR-NOTES §4.1/§4.2), expected rows written out here.
 */
import type { Task } from 'fhir/r4'
import {
  ALL,
  F,
  LEVEL1,
  LEVEL2_MS,
  LEVEL2_OTHER,
  ONLY_1,
  T,
  capacity,
  exists,
  hasExt,
  loc,
  offer,
  person,
  residential,
  role,
  telecom,
  telecoms,
  policyTable,
} from '../../tests/support/access-cases'
import type { Location, PractitionerRole } from './fhir-types'
import { EXT, FIELD } from './urls'

policyTable('access policy: places × profiles', [
  {
    name: 'Location of a sensitive offer only',
    resource: loc('l'),
    others: [offer('s', FIELD.psy, { sensitive: true, locations: ['l'] })],
    kept: exists,
    expected: ONLY_1,
  },
  {
    name: 'Location shared by a sensitive and a normal offer',
    resource: loc('l'),
    others: [
      offer('s', FIELD.psy, { sensitive: true, locations: ['l'] }),
      offer('n', FIELD.mco, { locations: ['l'] }),
    ],
    kept: exists,
    expected: ALL,
  },
  { name: 'Location without known offer', resource: loc('l'), kept: exists, expected: ALL },
  {
    name: 'Location.telecom level 1 (MCO)',
    resource: loc('l', { telecom: [telecom('t', '1')] }),
    others: [offer('o', FIELD.mco, { locations: ['l'] })],
    kept: (r) => telecoms(r).includes('t'),
    expected: [F, T, T, F, F, T],
  },
  {
    name: 'Location.telecom level 1 (MS)',
    resource: loc('l', { telecom: [telecom('t', '1')] }),
    others: [offer('o', FIELD.ms, { locations: ['l'] })],
    kept: (r) => telecoms(r).includes('t'),
    expected: [F, T, T, T, F, T],
  },
  {
    name: 'Location.telecom level 1 (ville)',
    resource: loc('l', { telecom: [telecom('t', '1')] }),
    others: [offer('o', FIELD.ville, { locations: ['l'] })],
    kept: (r) => telecoms(r).includes('t'),
    expected: LEVEL1,
  },
  {
    name: 'Location.telecom level 1 (ville + MCO offers)',
    resource: loc('l', { telecom: [telecom('t', '1')] }),
    others: [
      offer('o', FIELD.ville, { locations: ['l'] }),
      offer('m', FIELD.mco, { locations: ['l'] }),
    ],
    kept: (r) => telecoms(r).includes('t'),
    expected: [F, T, T, F, F, T],
  },
  {
    name: 'Location.telecom level 2 (ville)',
    resource: loc('l', { telecom: [telecom('t', '2')] }),
    others: [offer('o', FIELD.ville, { locations: ['l'] })],
    kept: (r) => telecoms(r).includes('t'),
    expected: LEVEL2_OTHER,
  },
  {
    name: 'Location.telecom level 3 (ville)',
    resource: loc('l', { telecom: [telecom('t', '3')] }),
    others: [offer('o', FIELD.ville, { locations: ['l'] })],
    kept: (r) => telecoms(r).includes('t'),
    expected: ONLY_1,
  },
  {
    name: 'Location.telecom level 1 (no known offer)',
    resource: loc('l', { telecom: [telecom('t', '1')] }),
    kept: (r) => telecoms(r).includes('t'),
    expected: [F, T, T, F, F, T],
  },
  {
    name: 'Location capacities (MCO)',
    resource: loc('l', { extension: [capacity] }),
    others: [offer('o', FIELD.mco, { locations: ['l'] })],
    kept: hasExt(EXT.supportedCapacity),
    expected: [F, T, T, F, T, F],
  },
  {
    name: 'Location capacities (MS)',
    resource: loc('l', { extension: [capacity] }),
    others: [offer('o', FIELD.ms, { locations: ['l'] })],
    kept: hasExt(EXT.supportedCapacity),
    expected: [F, T, T, T, T, F],
  },
  {
    name: 'Location residential capacity (MS)',
    resource: loc('l', { extension: [residential] }),
    others: [offer('o', FIELD.ms, { locations: ['l'] })],
    kept: hasExt(EXT.residentialCapacity),
    expected: [F, T, T, T, T, F],
  },
  {
    name: 'Location position and address (public)',
    resource: loc('l', { position: { latitude: 47, longitude: 2 }, address: { city: 'X' } }),
    others: [offer('o', FIELD.mco, { locations: ['l'] })],
    kept: (r: Location | null) => r?.position !== undefined && r.address !== undefined,
    expected: ALL,
  },
])

policyTable('access policy: roles and professionals × profiles', [
  {
    name: 'PractitionerRole of a ville offer',
    resource: role('r', 'o'),
    others: [offer('o', FIELD.ville)],
    kept: exists,
    expected: ALL,
  },
  {
    name: 'PractitionerRole of an MS offer',
    resource: role('r', 'o'),
    others: [offer('o', FIELD.ms)],
    kept: exists,
    expected: [F, T, T, T, T, T],
  },
  {
    name: 'PractitionerRole of an MCO offer',
    resource: role('r', 'o'),
    others: [offer('o', FIELD.mco)],
    kept: exists,
    expected: [F, T, T, F, T, T],
  },
  {
    name: 'PractitionerRole of a sensitive ville offer',
    resource: role('r', 'o'),
    others: [offer('o', FIELD.ville, { sensitive: true })],
    kept: exists,
    expected: ONLY_1,
  },
  {
    name: 'PractitionerRole of an unknown offer',
    resource: role('r', 'x'),
    kept: exists,
    expected: [F, T, T, F, T, T],
  },
  {
    name: 'PractitionerRole exercise name (ville)',
    resource: role('r', 'o'),
    others: [offer('o', FIELD.ville)],
    kept: hasExt(EXT.practitionerRoleName),
    expected: LEVEL1,
  },
  {
    name: 'PractitionerRole.practitioner link (ville)',
    resource: role('r', 'o'),
    others: [offer('o', FIELD.ville)],
    kept: (r: PractitionerRole | null) => r?.practitioner !== undefined,
    expected: LEVEL1,
  },
  {
    name: 'PractitionerRole.identifier (ville)',
    resource: role('r', 'o'),
    others: [offer('o', FIELD.ville)],
    kept: (r) => r?.identifier !== undefined,
    expected: LEVEL1,
  },
  {
    name: 'PractitionerRole.telecom level 1 (ville)',
    resource: role('r', 'o', { telecom: [telecom('t', '1')] }),
    others: [offer('o', FIELD.ville)],
    kept: (r) => telecoms(r).includes('t'),
    expected: LEVEL1,
  },
  {
    name: 'PractitionerRole.telecom level 2 (ville)',
    resource: role('r', 'o', { telecom: [telecom('t', '2')] }),
    others: [offer('o', FIELD.ville)],
    kept: (r) => telecoms(r).includes('t'),
    expected: LEVEL2_OTHER,
  },
  {
    name: 'PractitionerRole.telecom level 2 (MS)',
    resource: role('r', 'o', { telecom: [telecom('t', '2')] }),
    others: [offer('o', FIELD.ms)],
    kept: (r) => telecoms(r).includes('t'),
    expected: LEVEL2_MS,
  },
  {
    name: 'Practitioner with a ville role',
    resource: person,
    others: [role('r', 'o'), offer('o', FIELD.ville)],
    kept: exists,
    expected: LEVEL1,
  },
  {
    name: 'Practitioner with an MS role',
    resource: person,
    others: [role('r', 'o'), offer('o', FIELD.ms)],
    kept: exists,
    expected: LEVEL2_MS,
  },
  {
    name: 'Practitioner with an MCO role only',
    resource: person,
    others: [role('r', 'o'), offer('o', FIELD.mco)],
    kept: exists,
    expected: LEVEL2_OTHER,
  },
  {
    name: 'Practitioner with MCO and ville roles',
    resource: person,
    others: [role('r', 'o'), role('r2', 'v'), offer('o', FIELD.mco), offer('v', FIELD.ville)],
    kept: exists,
    expected: LEVEL1,
  },
  {
    name: 'Practitioner without known role',
    resource: person,
    kept: exists,
    expected: LEVEL2_OTHER,
  },
  {
    name: 'Practitioner of a sensitive offer only',
    resource: person,
    others: [role('r', 'o'), offer('o', FIELD.ville, { sensitive: true })],
    kept: exists,
    expected: ONLY_1,
  },
  {
    name: 'Practitioner.telecom level 2 (ville role)',
    resource: person,
    others: [role('r', 'o'), offer('o', FIELD.ville)],
    kept: (r) => telecoms(r).includes('08'),
    expected: LEVEL2_OTHER,
  },
])

policyTable<Task>('access policy: other resources', [
  {
    name: 'Task (other resource type)',
    resource: { resourceType: 'Task', id: 't', status: 'draft', intent: 'order' },
    kept: (r) => r?.status === 'draft',
    expected: ALL,
  },
])
