import { describe, expect, it } from 'vitest'
import { offer } from '../../tests/support/access-cases'
import { FIELD } from '../ror/urls'
import { BatchMapper } from './batch'
import { SnapshotBuilder } from './builder'

describe('BatchMapper', () => {
  it('gives an offer no placement reference when its access facts say the same', () => {
    const mapper = new BatchMapper(1)
    mapper.add(offer('hs', FIELD.mco, { locations: ['l1', 'l2'], org: 'eg' }))
    const [item] = mapper.seal().items
    expect(item!.offer).toMatchObject({ locationIds: ['l1', 'l2'], organizationId: 'eg' })
    expect(item!.ref).toBeUndefined()
    // The builder reads the reference from the facts.
    const builder = new SnapshotBuilder({ profile: 1 })
    builder.add(offer('hs', FIELD.mco, { locations: ['l1', 'l2'], org: 'eg' }))
    expect(builder.finish().placementInputs!().offers).toEqual([
      { id: 'hs', locationIds: ['l1', 'l2'], providedBy: 'eg' },
    ])
  })
})
