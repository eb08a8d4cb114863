import { describe, expect, it } from 'vitest'
import type { EngineEvent, EngineStatus } from '../../engine/protocol'
import {
  activityText,
  nextActivity,
  nextDesktopActivity,
  type EngineActivityView,
} from './engine-activity'

const progress = (
  phase: 'read' | 'store' | 'index',
  done: number,
  total: number,
  message: string,
  etaSeconds?: number,
): EngineEvent => ({
  kind: 'progress',
  phase,
  unit: phase === 'index' ? 'records' : 'chunks',
  done,
  total,
  message,
  ...(etaSeconds === undefined ? {} : { etaSeconds }),
})

function run(events: EngineEvent[]): EngineActivityView[] {
  let view: EngineActivityView = null
  return events.map((e) => (view = nextActivity(view, e)))
}

describe('the header’s engine activity', () => {
  it('follows a snapshot received from main, then its index, until the index is ready', () => {
    const views = run([
      progress('store', 0, 1575, 'Réception de l’instantané synchronisé'),
      progress('store', 1575, 1575, 'Réception de l’instantané synchronisé'),
      progress('index', 650_000, 1_432_000, 'Construction de l’index de recherche', 14),
      { kind: 'progress', phase: 'index', done: 0, total: 1, message: 'Tri…' },
      { kind: 'snapshot-changed', status: {} as EngineStatus },
    ])
    expect(views.map((v) => v && activityText(v))).toEqual([
      'Réception de l’instantané synchronisé — 0 %',
      'Réception de l’instantané synchronisé — 100 %',
      'Construction de l’index de recherche — 45 % — reste environ 14 s',
      'Tri…', // no count: an indeterminate bar
      null,
    ])
  })

  it('follows a browser-mode sync, also with its dialog closed, until the engine is idle', () => {
    const sync = (event: Extract<EngineEvent, { kind: 'sync' }>['event']): EngineEvent => ({
      kind: 'sync',
      event,
    })
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
        done: 20,
        total: 79,
        unit: 'files',
        bytes: 1,
        rate: 1,
        etaSeconds: 48,
      }),
      sync({ type: 'retry', url: 'u', attempt: 1, delayMs: 500, reason: 'HTTP 503' }),
      { kind: 'idle' },
    ])
    expect(views.map((v) => v && activityText(v))).toEqual([
      'Synchronisation complète…',
      'Synchronisation — Téléchargement des 79 fichiers d’export',
      'Synchronisation — Téléchargement des 79 fichiers d’export — 25 % — reste environ 48 s',
      'Synchronisation — Téléchargement des 79 fichiers d’export — 25 % — reste environ 48 s',
      null,
    ])
  })

  it('follows the desktop app’s sync from main’s events, until it finishes', () => {
    let view = nextDesktopActivity({
      type: 'sync:progress',
      progress: { phase: 'download', done: 3, total: 12, unit: 'files', etaSeconds: 30 },
    })
    expect(view && activityText(view)).toBe(
      'Synchronisation — Téléchargement — 25 % — reste environ 30 s',
    )
    view = nextDesktopActivity({ type: 'sync:progress', progress: { phase: 'write' } })
    expect(view && activityText(view)).toBe('Synchronisation — Écriture de l’instantané')
    const finished = nextDesktopActivity({
      type: 'sync:finished',
      outcome: {
        ok: false,
        finishedAt: '2026-11-27T04:00:00Z',
        error: { code: 'cancelled', message: 'Synchronisation annulée.' },
        previousSnapshotKept: true,
      },
    })
    expect(finished).toBeNull()
  })

  it('ends when the work ends, failed or done; a sync’s notices change nothing', () => {
    const reading = run([progress('read', 1, 3, 'Lecture de « a.ndjson »')])[0] ?? null
    expect(reading).not.toBeNull()
    expect(nextActivity(reading, { kind: 'idle' })).toBeNull()
    const status = {} as EngineStatus
    expect(nextActivity(reading, { kind: 'snapshot-changed', status })).toBeNull()
    const warning: EngineEvent = {
      kind: 'sync',
      event: { type: 'warning', message: 'Delta trop volumineux' },
    }
    expect(nextActivity(reading, warning)).toBe(reading)
  })
})
