import { describe, expect, it } from 'vitest'
import { formatEta, outcomeText, percentOf, progressLine } from './progress-text'

describe('sync panel texts', () => {
  it('formats the remaining time', () => {
    expect(formatEta(0.2)).toBe('environ 1 s')
    expect(formatEta(42)).toBe('environ 42 s')
    expect(formatEta(130)).toBe('environ 2 min 10 s')
    expect(formatEta(3 * 3600 + 5 * 60)).toBe('environ 3 h 05 min')
  })

  it('gives a percentage only with a total', () => {
    expect(percentOf(null)).toBeUndefined()
    expect(percentOf({ phase: 'download', done: 3 })).toBeUndefined()
    expect(percentOf({ phase: 'download', done: 3, total: 8 })).toBe(38)
    expect(percentOf({ phase: 'download', done: 9, total: 8 })).toBe(100)
  })

  it('describes progress with phase, counts and ETA', () => {
    const line = progressLine({
      phase: 'download',
      done: 1234,
      total: 5000,
      unit: 'records',
      etaSeconds: 75,
    })
    expect(line.replace(/\s/g, ' ')).toBe(
      'Téléchargement — 1 234 / 5 000 enregistrements — environ 1 min 15 s restantes',
    )
    expect(progressLine({ phase: 'export-wait' })).toBe('Préparation de l’export par le serveur')
  })

  it('tells the result in plain French', () => {
    const full = outcomeText({
      ok: true,
      kind: 'full',
      finishedAt: '2026-11-26T08:00:00.000Z',
      counts: { offer: 7042 },
      fullReasonText: 'La dernière synchronisation complète date de plus de 7 jours.',
    })
    expect(full.replace(/\s/g, ' ')).toMatch(
      /^Synchronisation complète terminée \(.+\) : 7 042 offres\. La dernière/,
    )
    const delta = outcomeText({
      ok: true,
      kind: 'delta',
      finishedAt: '2026-11-26T08:00:00.000Z',
      counts: { offer: 10 },
      changes: { added: 2, updated: 3, removed: 0 },
    })
    expect(delta).toMatch(/différentielle.*2 ajouts, 3 mises à jour, 0 retraits\.$/)
    const failed = outcomeText({
      ok: false,
      finishedAt: '2026-11-26T08:00:00.000Z',
      error: { code: 'auth-failed', message: 'Identifiants refusés.' },
      previousSnapshotKept: true,
    })
    expect(failed).toMatch(/^Échec de la synchronisation \(.+\) : Identifiants refusés\.$/)
  })
})
