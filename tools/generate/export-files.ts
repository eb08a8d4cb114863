/**
 * Writes a generated dataset as FHIR files for the CLI `import` command: per resource type,
 * either Bundles of type `collection` (split every `bundleSize` resources) or one NDJSON file,
 * plus a `manifest.json` listing the files and counts. Resources are materialised and written
 * one at a time, so a national export never sits in memory.
 */
import { mkdir, open, writeFile } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { GeneratedStore, RorResourceType } from './store-types'
import { ROR_RESOURCE_TYPES } from './store-types'

export type ExportFormat = 'bundle' | 'ndjson'

export interface ExportOptions {
  outDir: string
  format: ExportFormat
  /** Resources per Bundle file (bundle format). */
  bundleSize?: number
  onProgress?: (type: RorResourceType, done: number, total: number) => void
}

export interface ExportManifest {
  format: ExportFormat
  seed: number
  scale: GeneratedStore['scale']
  counts: Record<RorResourceType, number>
  files: { type: RorResourceType; path: string; count: number }[]
}

/** Buffered writes (~1 MiB) to a file handle. */
class Writer {
  private chunks: string[] = []
  private size = 0

  constructor(private readonly handle: FileHandle) {}

  async write(text: string): Promise<void> {
    this.chunks.push(text)
    this.size += text.length
    if (this.size >= 1 << 20) await this.flush()
  }

  async flush(): Promise<void> {
    if (this.chunks.length === 0) return
    await this.handle.write(this.chunks.join(''))
    this.chunks = []
    this.size = 0
  }

  async close(): Promise<void> {
    await this.flush()
    await this.handle.close()
  }
}

async function writeType(
  store: GeneratedStore,
  type: RorResourceType,
  options: ExportOptions,
  files: ExportManifest['files'],
): Promise<void> {
  const ids = store.ids(type)
  const perFile =
    options.format === 'ndjson' ? Math.max(1, ids.length) : (options.bundleSize ?? 5000)
  for (let start = 0, part = 1; start < ids.length; start += perFile, part += 1) {
    const slice = ids.slice(start, start + perFile)
    const name =
      options.format === 'ndjson'
        ? `${type}.ndjson`
        : `${type}-${String(part).padStart(4, '0')}.json`
    const writer = new Writer(await open(join(options.outDir, name), 'w'))
    if (options.format === 'bundle')
      await writer.write('{"resourceType":"Bundle","type":"collection","entry":[\n')
    for (let k = 0; k < slice.length; k += 1) {
      const resource = JSON.stringify(store.get(type, slice[k] ?? ''))
      if (options.format === 'ndjson') await writer.write(`${resource}\n`)
      else await writer.write(`${k > 0 ? ',\n' : ''}{"resource":${resource}}`)
      if ((start + k) % 10_000 === 0) options.onProgress?.(type, start + k, ids.length)
    }
    if (options.format === 'bundle') await writer.write('\n]}\n')
    await writer.close()
    files.push({ type, path: name, count: slice.length })
  }
  options.onProgress?.(type, ids.length, ids.length)
}

/** Writes every live resource of the store; returns the manifest (also written to disk). */
export async function exportStore(
  store: GeneratedStore,
  options: ExportOptions,
): Promise<ExportManifest> {
  await mkdir(options.outDir, { recursive: true })
  const files: ExportManifest['files'] = []
  for (const type of ROR_RESOURCE_TYPES) await writeType(store, type, options, files)
  const counts = Object.fromEntries(ROR_RESOURCE_TYPES.map((t) => [t, store.count(t)])) as Record<
    RorResourceType,
    number
  >
  const manifest: ExportManifest = {
    format: options.format,
    seed: store.seed,
    scale: store.scale,
    counts,
    files,
  }
  await writeFile(join(options.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}
