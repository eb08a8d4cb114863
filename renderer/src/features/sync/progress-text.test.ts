import { describe, expect, it } from 'vitest'
import {
  changesText,
  countsLine,
  formatDuration,
  formatEta,
  outcomeText,
  percentOf,
  progressLine,
  resumedText,
} from './progress-text'

describe('sync panel texts', () => {
  it('formats the remaining time', () => {
    expect(formatEta(0.2)).toBe('environ 1 s')
    expect(formatEta(42)).toBe('environ 42 s')
    expect(formatEta(130)).toBe('environ 2 min 10 s')
    expect(formatEta(3 * 3600 + 5 * 60)).toBe('environ 3 h 05 min')
  })

  it('formats how long a sync took, with a French decimal comma', () => {
    expect(formatDuration(460)).toBe('0,5 s')
    expect(formatDuration(7_140)).toBe('7,1 s')
    expect(formatDuration(42_000)).toBe('42 s')
    expect(formatDuration(112_200)).toBe('1 min 52 s')
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe('2 h 05 min')
  })

  it('says counts and changes the same way in both sync panels', () => {
    expect(countsLine({ done: 3, total: 79, unit: 'files' }).replace(/\s/g, ' ')).toBe(
      '3 / 79 fichiers',
    )
    expect(countsLine({ done: 1200, unit: 'pages', etaSeconds: 130 }).replace(/\s/g, ' ')).toBe(
      '1 200 pages — reste environ 2 min 10 s',
    )
    expect(countsLine({})).toBe('')
    expect(resumedText(1)).toBe('Reprise : 1 élément déjà téléchargé réutilisé.')
    expect(resumedText(12)).toBe('Reprise : 12 éléments déjà téléchargés réutilisés.')
    expect(changesText({ added: 20, updated: 2600 }).replace(/\s/g, ' ')).toBe(
      '20 ajouts, 2 600 mises à jour, 0 retraits.',
    )
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
      'Téléchargement — 1 234 / 5 000 enregistrements — reste environ 1 min 15 s',
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
    const resumed = outcomeText({
      ok: true,
      kind: 'full',
      finishedAt: '2026-11-26T08:00:00.000Z',
      counts: { offer: 10 },
      resumedUnits: 4,
    })
    expect(resumed).toMatch(/10 offres\. Reprise : 4 éléments déjà téléchargés réutilisés\.$/)
    const failed = outcomeText({
      ok: false,
      finishedAt: '2026-11-26T08:00:00.000Z',
      error: { code: 'auth-failed', message: 'Identifiants refusés.' },
      previousSnapshotKept: true,
    })
    expect(failed).toMatch(/^Échec de la synchronisation \(.+\) : Identifiants refusés\.$/)
  })
})
