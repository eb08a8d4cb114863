import { describe, expect, it } from 'vitest'
import type { EngineEvent, EngineStatus } from '../../engine/protocol'
import { activityText, nextActivity, type EngineActivityView } from './engine-activity'

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

  it('ends when the work ends, failed or done, and ignores what is not the engine’s work', () => {
    const reading = run([progress('read', 1, 3, 'Lecture de « a.ndjson »')])[0] ?? null
    expect(reading).not.toBeNull()
    expect(nextActivity(reading, { kind: 'idle' })).toBeNull()
    const status = {} as EngineStatus
    expect(nextActivity(reading, { kind: 'snapshot-changed', status })).toBeNull()
    const sync: EngineEvent = {
      kind: 'sync',
      event: { type: 'phase', phase: 'download', message: 'Téléchargement' },
    }
    expect(nextActivity(reading, sync)).toBe(reading)
  })
})
