import { describe, expect, it } from 'vitest'
import { backgroundCommuneCentroids, loadCommuneCentroids } from './communes'

describe('commune centroids in the background', () => {
  it('answers as the loaded gazetteer, before and after the background load', async () => {
    const { centroid } = await loadCommuneCentroids()
    const warnings: string[] = []
    const lookup = backgroundCommuneCentroids(undefined, (w) => warnings.push(w))
    // Asked at once: loaded then and there.
    expect(lookup('18033')).toEqual(centroid!('18033'))
    expect(lookup('18033')?.lat).toBeGreaterThan(46)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(lookup('75056')).toEqual(centroid!('75056'))
    expect(lookup('00000')).toBeUndefined()
    expect(warnings).toEqual([])
  })

  it('warns once about a missing gazetteer and finds nothing', async () => {
    const warnings: string[] = []
    const lookup = backgroundCommuneCentroids('/nonexistent/communes.json', (w) => warnings.push(w))
    expect(lookup('18033')).toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(lookup('18033')).toBeUndefined()
    expect(warnings).toEqual([
      'no commune gazetteer at /nonexistent/communes.json: commune fallback disabled',
    ])
  })
})
