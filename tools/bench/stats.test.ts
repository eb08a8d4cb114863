import { describe, expect, it } from 'vitest'
import { percentile } from './stats'

describe('percentile', () => {
  const samples = Array.from({ length: 200 }, (_, i) => 200 - i) // 200 … 1, unsorted order

  it('takes p in percent, nearest rank', () => {
    expect(percentile(samples, 50)).toBe(100)
    expect(percentile(samples, 95)).toBe(190)
    expect(percentile(samples, 100)).toBe(200)
    expect(percentile([], 95)).toBeNaN()
  })

  it('refuses a fraction, which would silently give the minimum', () => {
    expect(() => percentile(samples, 0.95)).toThrow(/in percent/)
  })
})
