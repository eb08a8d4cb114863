import { describe, expect, it } from 'vitest'
import { emptyCounts, type SnapshotManifest } from '../snapshot/manifest'
import { decideMode, fullReasonText, MAX_FULL_SYNC_AGE_MS } from './mode'

const now = Date.parse('2026-11-26T08:00:00Z')
const scope = { server: 'https://ror/fhir', profile: 2 as const, region: null }

function synced(overrides: Partial<SnapshotManifest> = {}): SnapshotManifest {
  return {
    formatVersion: 1,
    accessProfile: 2,
    source: { kind: 'sync', server: 'https://ror/fhir' },
    createdAt: '2026-11-25T08:00:00Z',
    counts: emptyCounts(),
    skipped: { count: 0, reasons: [] },
    ignored: {},
    superseded: 0,
    hiddenByProfile: 0,
    checksum: { algorithm: 'crc32-chunks', value: '0' },
    sync: { lastSyncStart: '2026-11-25T07:58:00Z', lastFullSync: '2026-11-22T02:00:00Z' },
    ...overrides,
  }
}

describe('decideMode (ROR: at least one full sync a week)', () => {
  it('makes a delta on a recent synced snapshot of the same scope', () => {
    expect(decideMode('auto', synced(), scope, now)).toEqual({ mode: 'delta', reason: null })
    expect(decideMode('delta', synced(), scope, now)).toEqual({ mode: 'delta', reason: null })
  })

  it.each([
    ['requested', 'full', synced()],
    ['no-snapshot', 'auto', null],
    ['no-sync-history', 'auto', synced({ source: { kind: 'import', files: ['x.json'] } })],
    ['other-profile', 'auto', synced({ accessProfile: 1 })],
    ['other-server', 'auto', synced({ source: { kind: 'sync', server: 'http://127.0.0.1/fhir' } })],
    [
      'other-region',
      'auto',
      synced({ source: { kind: 'sync', server: 'https://ror/fhir', region: '84' } }),
    ],
    [
      'weekly-rule',
      'delta',
      synced({
        sync: {
          lastSyncStart: '2026-11-25T00:00:00Z',
          lastFullSync: new Date(now - MAX_FULL_SYNC_AGE_MS).toISOString(),
        },
      }),
    ],
  ] as const)('full sync: %s', (reason, requested, base) => {
    expect(decideMode(requested, base, scope, now)).toEqual({ mode: 'full', reason })
    expect(fullReasonText(reason)).toMatch(/complète/)
  })
})
