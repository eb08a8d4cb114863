/**
 * Raw FHIR files — `$export` output (NDJSON), Bundles, resources — turned into a snapshot in
 * the engine worker, for air-gapped sites that receive the ROR's export files rather than a
 * snapshot: the same validation, access policy and mapping as `cli import` (SnapshotBuilder),
 * applied for the profile the user configured. Files are read one at a time (File objects
 * reach the worker as references, not copies).
 */
import { assembleSnapshot } from '../../../core/snapshot/assemble'
import { SnapshotBuilder } from '../../../core/snapshot/builder'
import { concatBytes } from '../../../core/snapshot/codec'
import { addFhirText, type FhirTextStats } from '../../../core/snapshot/fhir-text'
import type { AccessProfile } from '../../../core/snapshot/records'
import { resolvePlacements, type CommuneCentroid } from '../../../core/snapshot/resolve'
import type { BuildStats } from '../../../core/snapshot/builder'

export interface FhirImportResult {
  bytes: Uint8Array
  stats: BuildStats
  inputs: FhirTextStats[]
}

/** Builds a snapshot file from `files`; `onFile` reports each file read. */
export async function snapshotFromFhirFiles(
  files: readonly File[],
  profile: AccessProfile,
  centroid: CommuneCentroid,
  onFile: (done: number, total: number, name: string) => void,
): Promise<FhirImportResult> {
  const builder = new SnapshotBuilder({ profile })
  const inputs: FhirTextStats[] = []
  for (const [i, file] of files.entries()) {
    inputs.push(addFhirText(builder, await file.text(), file.name))
    onFile(i + 1, files.length, file.name)
  }
  const build = builder.finish()
  const placements = resolvePlacements(build.all(), centroid)
  const parts = assembleSnapshot(build, {
    profile,
    placements,
    source: { kind: 'import', files: files.map((f) => f.name) },
  })
  return { bytes: concatBytes(parts), stats: build.stats, inputs }
}
