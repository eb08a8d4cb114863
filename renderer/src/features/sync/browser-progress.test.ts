import { describe, expect, it } from 'vitest'
import type { SyncEvent } from '../../../../core/sync/events'
import type { EngineEvent } from '../../engine/protocol'
import { CONNECTING, nextSyncView, percentOf, type BrowserSyncView } from './browser-progress'

const sync = (event: SyncEvent): EngineEvent => ({ kind: 'sync', event })
const write = (done: number, total: number) =>
  sync({ type: 'progress', phase: 'write', done, total, unit: 'records', bytes: 0, rate: 1 })

/** The engine's index-build progress (engine-service.ts `buildIndex`). */
const index = (done: number, etaSeconds?: number): EngineEvent => ({
  kind: 'progress',
  phase: 'index',
  unit: 'records',
  done,
  total: 1_432_000,
  message: 'Construction de l’index de recherche',
  ...(etaSeconds === undefined ? {} : { etaSeconds }),
})

/** The panel's states along a full sync, as the engine worker sends its events. */
function run(events: EngineEvent[]): BrowserSyncView[] {
  const views: BrowserSyncView[] = []
  let view = CONNECTING
  for (const event of events) views.push((view = nextSyncView(view, event)))
  return views
}

describe('browser-mode sync panel state', () => {
  it('says, until it ends, that a sync goes on from an interrupted one', () => {
    const views = run([
      sync({ type: 'started', mode: 'full', fullReason: 'requested', isResumed: true }),
      sync({
        type: 'phase',
        phase: 'download',
        message: 'Téléchargement des 79 fichiers d’export',
      }),
      write(1_572_182, 1_572_182),
      { kind: 'progress', phase: 'index', done: 0, total: 1, message: 'Construction de l’index' },
    ])
    expect(views.map((v) => v.resumed)).toEqual([true, true, true, true])
    const fresh = run([
      sync({ type: 'started', mode: 'delta', fullReason: null, isResumed: false }),
      sync({ type: 'phase', phase: 'delta', message: 'Mise à jour' }),
    ])
    expect(fresh.map((v) => v.resumed ?? false)).toEqual([false, false])
  })

  it('follows a full sync to its end: write, verification, then the index build', () => {
    const views = run([
      sync({ type: 'started', mode: 'full', fullReason: 'requested', isResumed: false }),
      sync({
        type: 'phase',
        phase: 'download',
        message: 'Téléchargement des 79 fichiers d’export',
      }),
      sync({
        type: 'progress',
        phase: 'download',
        done: 3,
        total: 79,
        unit: 'files',
        bytes: 9,
        rate: 2,
      }),
      sync({ type: 'phase', phase: 'write', message: 'Enregistrement du nouvel instantané' }),
      write(786_000, 1_572_182),
      write(1_572_182, 1_572_182),
      index(0),
      index(1_200_000, 7),
      { kind: 'progress', phase: 'index', done: 0, total: 1, message: 'Tri et index du texte…' },
      { kind: 'progress', phase: 'index', done: 1, total: 1, message: 'Index prêt' },
    ])
    expect(views.map((v) => v.phase)).toEqual([
      'Synchronisation complète…',
      'Téléchargement des 79 fichiers d’export',
      'Téléchargement des 79 fichiers d’export',
      'Enregistrement du nouvel instantané',
      'Enregistrement du nouvel instantané',
      'Vérification et activation du nouvel instantané…',
      'Construction de l’index de recherche',
      'Construction de l’index de recherche',
      'Tri et index du texte…',
      'Index prêt',
    ])
    expect(views.map((v) => percentOf(v.progress))).toEqual([
      undefined,
      undefined,
      4,
      4,
      50,
      // No longer a full bar with nothing moving: an indeterminate one, named.
      undefined,
      // The index build: records read of all it reads (and its final sort), with an ETA.
      0,
      84,
      undefined,
      undefined,
    ])
    expect(views[7]?.progress).toEqual({
      done: 1_200_000,
      total: 1_432_000,
      unit: 'records',
      etaSeconds: 7,
    })
  })

  it('shows a retry (or a split query) until the sync moves on', () => {
    const views = run([
      sync({ type: 'phase', phase: 'export-request', message: 'Demande d’export au ROR' }),
      sync({
        type: 'retry',
        url: 'http://127.0.0.1:8099/fhir/$export',
        attempt: 2,
        delayMs: 3400,
        reason: 'serveur injoignable',
      }),
      sync({ type: 'split', part: '93', into: ['93/a', '93/b'], reason: 'plus de 10 000' }),
      sync({
        type: 'phase',
        phase: 'download',
        message: 'Téléchargement des 79 fichiers d’export',
      }),
    ])
    expect(views.map((v) => v.notice)).toEqual([
      undefined,
      'Nouvel essai (2) dans 4 s (serveur injoignable).',
      'Requête découpée en 2 parties (plus de 10 000).',
      undefined,
    ])
    expect(views.map((v) => v.phase)).toEqual([
      'Demande d’export au ROR',
      'Demande d’export au ROR',
      'Demande d’export au ROR',
      'Téléchargement des 79 fichiers d’export',
    ])
  })

  it('ignores what is not about the sync', () => {
    const view: BrowserSyncView = { phase: 'Téléchargement', progress: null }
    const status = { offerCount: 0 } as unknown as Extract<
      EngineEvent,
      { kind: 'snapshot-changed' }
    >['status']
    expect(nextSyncView(view, { kind: 'snapshot-changed', status })).toBe(view)
    expect(
      nextSyncView(view, { kind: 'progress', phase: 'store', done: 1, total: 9, message: 'x' }),
    ).toBe(view)
    // A warning is about the sync: shown like a retry.
    const warned = nextSyncView(view, sync({ type: 'warning', message: 'Delta trop volumineux' }))
    expect(warned).toEqual({ ...view, notice: 'Delta trop volumineux' })
  })
})
