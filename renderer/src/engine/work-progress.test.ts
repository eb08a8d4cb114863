import { describe, expect, it } from 'vitest'
import type { EngineProgressEvent } from './protocol'
import { WorkProgress } from './work-progress'

/** A progress over a clock the test moves. */
function meter(total: number) {
  let now = 0
  const events: EngineProgressEvent[] = []
  const progress = new WorkProgress(
    (e) => events.push(e),
    { phase: 'index', unit: 'records', message: 'Construction de l’index de recherche' },
    total,
    () => now,
  )
  return { progress, events, at: (ms: number) => (now = ms) }
}

describe('engine work progress', () => {
  it('says it started, then at most every 200 ms, and always the end', () => {
    const { progress, events, at } = meter(1000)
    expect(events).toEqual([
      {
        kind: 'progress',
        phase: 'index',
        unit: 'records',
        message: 'Construction de l’index de recherche',
        done: 0,
        total: 1000,
      },
    ])
    at(100)
    progress.advance(100) // too soon after the first
    at(250)
    progress.advance(100)
    at(300)
    progress.advance(700) // 50 ms after the last: not sent
    expect(events.map((e) => e.done)).toEqual([0, 200])
    at(310)
    progress.advance(Infinity) // the end goes out at once, capped at the total
    expect(events.map((e) => e.done)).toEqual([0, 200, 1000])
  })

  it('gives an ETA from the rate so far, only once it means something', () => {
    const { progress, events, at } = meter(1000)
    at(500)
    progress.advance(100)
    expect(events.at(-1)?.etaSeconds).toBeUndefined() // under a second of work
    at(2000)
    progress.advance(150) // a quarter in 2 s: 6 s left
    expect(events.at(-1)).toMatchObject({ done: 250, etaSeconds: 6 })
    at(8000)
    progress.advance(750)
    expect(events.at(-1)?.etaSeconds).toBeUndefined() // done
  })
})
