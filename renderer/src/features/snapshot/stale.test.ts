import { describe, expect, it } from 'vitest'
import { staleText } from './stale'

describe('the stale-snapshot banner', () => {
  const now = Date.parse('2026-11-27T09:00:00Z')

  it('says how old the snapshot is and why it matters, past a week', () => {
    expect(staleText('2026-11-12T08:00:00Z', now)).toBe(
      'Instantané du 12 novembre 2026 (il y a 15 jours) : le ROR demande une synchronisation ' +
        'au moins tous les 7 jours, des offres ont pu fermer ou changer depuis.',
    )
  })

  it('says nothing while the snapshot is under a week old', () => {
    expect(staleText('2026-11-21T10:00:00Z', now)).toBeNull()
    expect(staleText('2026-11-27T08:59:00Z', now)).toBeNull()
  })
})
