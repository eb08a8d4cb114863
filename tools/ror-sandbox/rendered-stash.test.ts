import { describe, expect, it } from 'vitest'
import { RenderedStash } from './rendered-stash'

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill)

describe('RenderedStash', () => {
  it('gives back what a search kept, once, per resource and profile', () => {
    const stash = new RenderedStash(100)
    stash.put('Location', 'a', 1, bytes(10, 7))
    stash.put('Location', 'a', 2, bytes(20))
    stash.put('Organization', 'a', 1, bytes(30))
    expect(stash.size).toBe(60)
    expect(stash.take('Location', 'a', 1)).toEqual(bytes(10, 7))
    expect(stash.take('Location', 'a', 1)).toBeUndefined()
    expect(stash.take('Location', 'b', 2)).toBeUndefined()
    expect(stash.size).toBe(50)
    // Kept again: replaces the previous bytes.
    stash.put('Location', 'a', 2, bytes(5))
    expect(stash.size).toBe(35)
    stash.clear()
    expect(stash.size).toBe(0)
    expect(stash.take('Organization', 'a', 1)).toBeUndefined()
  })

  it('drops the oldest entries past its budget and never keeps what exceeds it alone', () => {
    const stash = new RenderedStash(100)
    for (const id of ['a', 'b', 'c', 'd']) stash.put('HealthcareService', id, 0, bytes(30))
    // 120 bytes asked for, 100 allowed: "a" went first.
    expect(stash.size).toBe(90)
    expect(stash.take('HealthcareService', 'a', 0)).toBeUndefined()
    expect(stash.take('HealthcareService', 'b', 0)).toHaveLength(30)
    stash.put('HealthcareService', 'huge', 0, bytes(101))
    expect(stash.take('HealthcareService', 'huge', 0)).toBeUndefined()
    expect(stash.size).toBe(60)
  })
})
