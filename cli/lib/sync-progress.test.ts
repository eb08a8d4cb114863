import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ProgressPrinter } from './sync-progress'

/** The lines a printer writes, without their clock. */
function printed(events: Parameters<ProgressPrinter['event']>[0][]): string[] {
  const chunks: string[] = []
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString())
      done()
    },
  })
  const printer = new ProgressPrinter(out)
  for (const event of events) printer.event(event)
  return chunks.map((line) => line.replace(/^\[ *[\d.]+s\] /, '').trimEnd())
}

describe('sync progress on stderr', () => {
  it('names what is retried, a split query and a warning, one line each', () => {
    expect(
      printed([
        { type: 'phase', phase: 'export-request', message: 'Demande d’export au ROR' },
        {
          type: 'retry',
          url: 'https://ror.example/auth/token',
          attempt: 2,
          delayMs: 619,
          reason: 'connect ECONNREFUSED',
        },
        { type: 'split', part: '93', into: ['93/a', '93/b'], reason: 'over 10,000 results' },
        { type: 'warning', message: 'Delta trop volumineux' },
      ]),
    ).toEqual([
      'Demande d’export au ROR',
      'retry 2 in 619 ms: https://ror.example/auth/token (connect ECONNREFUSED)',
      'query 93 split into 2 parts (over 10,000 results)',
      'warning: Delta trop volumineux',
    ])
  })

  it('prints counts at most once a second, and always the last of a phase', () => {
    const progress = (done: number) => ({
      type: 'progress' as const,
      phase: 'download' as const,
      done,
      total: 3,
      unit: 'files' as const,
      bytes: 1024 * done,
      rate: 2,
    })
    const lines = printed([progress(1), progress(2), progress(3)])
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^download: 1\/3 files, /)
    expect(lines[1]).toMatch(/^download: 3\/3 files, /)
  })
})
