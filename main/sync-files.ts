/**
 * File-system hosts of the sync engine (CLI and Electron main; no `electron` import):
 * - {@link FileSnapshotStore}: the snapshot file. A sync writes a new file under a temporary
 *   name, reads it back to verify every chunk and the counts, fsyncs, then renames it over the
 *   old one (atomic on POSIX and NTFS) — a crash at any point leaves the old file or the new
 *   one, never a mix. A full disk is reported as `QuotaExceededError` with the size needed.
 * - {@link FileStateStore}: checkpoint and staged units in a folder next to the snapshot.
 */
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  statfs,
  type FileHandle,
} from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { crc32, deflateRaw } from 'node:zlib'
import {
  SnapshotEncoder,
  SnapshotReader,
  copiedChunkExtras,
  copyFactsSections,
  liveCount,
  topLayer,
  type EncodedChunkExtras,
  type ManifestInput,
} from '../core/snapshot/codec'
import { crcHex } from '../core/snapshot/crc32'
import { factsBytes, type SnapshotFacts } from '../core/snapshot/facts'
import { factsLayerBytes, isEmptyFactsLayer, type FactsLayer } from '../core/snapshot/facts-layer'
import { emptyCounts, type ChunkKind, type SnapshotManifest } from '../core/snapshot/manifest'
import { QuotaExceededError, SnapshotStoreError } from '../core/sync/errors'
import type {
  SnapshotBase,
  SnapshotStore,
  SnapshotWriter,
  StoredRecord,
} from '../core/sync/snapshot-store'
import type { StagedUnitWriter, SyncStateStore } from '../core/sync/state-store'
import { verifySnapshotFile } from './snapshot-verify'
import { fileBase } from './sync-file-base'

const deflateRawAsync = promisify(deflateRaw)

/**
 * node:zlib's native CRC-32 (same polynomial as core/snapshot/crc32.ts), given to the encoder
 * so that it does not compute its portable one over every chunk and facts section.
 */
const crcOf = (bytes: Uint8Array) => crcHex(crc32(bytes))

/** Free bytes on the file system holding `path`, when the platform tells. */
async function freeBytes(path: string): Promise<number | undefined> {
  try {
    const s = await statfs(dirname(path))
    return s.bavail * s.bsize
  } catch {
    return undefined
  }
}

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return code === 'ENOSPC' || code === 'EDQUOT'
}

/** Writes `parts` to `path` atomically (temporary file, fsync, rename, fsync of the folder). */
export async function writeAtomically(
  path: string,
  parts: readonly Uint8Array[],
  /** Checks the temporary file once written (e.g. `verifySnapshotFile`); throws to abandon it. */
  verify?: (tmp: string) => Promise<void>,
): Promise<void> {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  const size = parts.reduce((n, p) => n + p.length, 0)
  try {
    const fh = await open(tmp, 'wx')
    try {
      // Many parts per call (a snapshot is ~1,600 chunks: one write each cost ~0.1 s).
      for (let i = 0; i < parts.length; i += WRITEV_PARTS) {
        await writeAll(fh, parts.slice(i, i + WRITEV_PARTS))
      }
      await fh.sync()
    } finally {
      await fh.close()
    }
    await verify?.(tmp)
    await rename(tmp, path)
    await syncFolder(dirname(path))
  } catch (error) {
    await rm(tmp, { force: true })
    if (isDiskFull(error)) throw new QuotaExceededError(size, await freeBytes(path))
    throw error
  }
}

const WRITEV_PARTS = 256

/** Writes `parts` in order; a short write (e.g. the disk fills up) goes on from where it ended. */
async function writeAll(fh: FileHandle, parts: readonly Uint8Array[]): Promise<void> {
  let rest = parts.filter((p) => p.length > 0)
  while (rest.length > 0) {
    let written = (await fh.writev(rest)).bytesWritten
    if (written === 0) throw new Error('écriture du fichier interrompue (0 octet écrit)')
    while (rest.length > 0 && written >= rest[0]!.length) written -= rest.shift()!.length
    if (written > 0) rest = [rest[0]!.subarray(written), ...rest.slice(1)]
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable (POSIX); not possible on Windows, where it is not needed.
  const fh = await open(folder, 'r').catch(() => undefined)
  await fh?.sync().catch(() => undefined)
  await fh?.close()
}

/** The snapshot file as the engine's store. */
export class FileSnapshotStore implements SnapshotStore {
  constructor(readonly path: string) {}

  async current(): Promise<SnapshotBase | null> {
    let bytes: Uint8Array
    try {
      bytes = await readWhole(this.path)
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null
      throw new SnapshotStoreError(`${this.path} illisible (${(error as Error).message})`)
    }
    let reader: SnapshotReader
    try {
      reader = new SnapshotReader(bytes, { crc32: (b) => crc32(b) })
    } catch (error) {
      throw new SnapshotStoreError(`${this.path} : ${(error as Error).message}`)
    }
    return fileBase(reader)
  }

  async begin(): Promise<SnapshotWriter> {
    await mkdir(dirname(this.path), { recursive: true })
    return new FileSnapshotWriter(this.path)
  }
}

/**
 * The whole file in one buffer, read in as few calls as the system allows (one, usually).
 * `readFile` reads 512 KB at a time, each read waiting for the JavaScript thread to ask for the
 * next: ~220 round trips for a national snapshot, stalled by any other work on that thread at
 * the start of a sync (0.1–0.2 s on a delta's path).
 */
async function readWhole(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const bytes = Buffer.allocUnsafe(size)
    let at = 0
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at)
      if (bytesRead === 0) break
      at += bytesRead
    }
    return at === size ? bytes : bytes.subarray(0, at)
  } finally {
    await handle.close()
  }
}

/** Chunks being deflated at once on libuv's thread pool (the JS thread keeps producing). */
const DEFLATING = 8

/**
 * Chunks are deflated by node:zlib on the thread pool (~2.3× fflate's speed, in parallel with
 * the sync's own thread), then appended in order; the file is written at `commit`.
 */
class FileSnapshotWriter implements SnapshotWriter {
  private readonly encoder = new SnapshotEncoder()
  private readonly counts = emptyCounts()
  private readonly pending: {
    kind: ChunkKind
    count: number
    bytes: Promise<Uint8Array>
    extras?: EncodedChunkExtras
  }[] = []
  private facts: Promise<Uint8Array> | undefined
  private factsLayer: Promise<Uint8Array> | undefined
  /** The layer of the chunks written after `copyChunks` (codec.ts overlay). */
  private layer = 0

  constructor(private readonly path: string) {}

  async writeChunk(kind: ChunkKind, records: readonly StoredRecord[]): Promise<void> {
    await this.writeChunkJson(kind, records.length, Buffer.from(JSON.stringify(records)))
  }

  async writeChunkJson(kind: ChunkKind, count: number, json: Uint8Array): Promise<void> {
    this.counts[kind] += count
    const bytes = deflateRawAsync(json, { level: 6 })
    this.pending.push({
      kind,
      count,
      bytes,
      ...(this.layer ? { extras: { layer: this.layer } } : {}),
    })
    await this.settle(DEFLATING)
  }

  /** The overlay of a delta (codec.ts): the active file's chunks, as they are, first. */
  async copyChunks(
    base: SnapshotReader,
    dead: ReadonlyMap<number, readonly string[]>,
  ): Promise<void> {
    await this.settle(0)
    base.header.chunks.forEach((info, i) => {
      const extras = copiedChunkExtras(info, dead.get(i))
      this.counts[info.kind] += liveCount({ count: info.count, dead: extras.dead })
      const bytes = Promise.resolve(base.chunkBytes(i))
      this.pending.push({ kind: info.kind, count: info.count, bytes, extras })
    })
    await this.settle(0)
    this.layer = topLayer(base.header.chunks) + 1
  }

  async writeFacts(facts: SnapshotFacts): Promise<void> {
    this.facts = deflateRawAsync(factsBytes(facts), { level: 1 })
    this.facts.catch(() => undefined) // awaited at commit
  }

  async writeFactsLayer(base: SnapshotReader, layer: FactsLayer): Promise<void> {
    copyFactsSections(base, this.encoder)
    // A delta that changed nothing adds no layer (each one is folded in at every read).
    if (isEmptyFactsLayer(layer)) return
    this.factsLayer = deflateRawAsync(factsLayerBytes(layer), { level: 1 })
    this.factsLayer.catch(() => undefined) // awaited at commit
  }

  /** Appends deflated chunks, in order, until at most `limit` are still pending. */
  private async settle(limit: number): Promise<void> {
    while (this.pending.length > limit) {
      const next = this.pending.shift()!
      const bytes = await next.bytes
      const crc = next.extras?.crc ?? crcOf(bytes)
      this.encoder.addEncodedChunk(next.kind, next.count, bytes, { ...next.extras, crc })
    }
  }

  async commit(manifest: ManifestInput): Promise<SnapshotManifest> {
    await this.settle(0)
    if (this.facts) {
      const bytes = await this.facts
      this.encoder.setFacts(bytes, crcOf(bytes))
    }
    if (this.factsLayer) {
      const bytes = await this.factsLayer
      this.encoder.addFactsLayer(bytes, crcOf(bytes))
    }
    const parts = this.encoder.finish(manifest)
    let written: SnapshotManifest | undefined
    await writeAtomically(this.path, parts, async (tmp) => {
      written = await verifySnapshotFile(tmp, this.counts)
    })
    return written!
  }

  async abort(): Promise<void> {
    // Nothing reached the disk: the encoder holds the chunks until `commit`.
    await Promise.allSettled([...this.pending.map((p) => p.bytes), this.facts, this.factsLayer])
    this.pending.length = 0
  }
}

/** Checkpoint (`checkpoint.json`) and staged units (`units/<key>.json`) in a folder. */
export class FileStateStore implements SyncStateStore {
  constructor(readonly dir: string) {}

  private get unitsDir(): string {
    return join(this.dir, 'units')
  }

  async loadCheckpoint(): Promise<unknown> {
    try {
      return JSON.parse(await readFile(join(this.dir, 'checkpoint.json'), 'utf8')) as unknown
    } catch {
      return null // missing or damaged: the sync starts afresh
    }
  }

  async saveCheckpoint(checkpoint: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    await writeAtomically(join(this.dir, 'checkpoint.json'), [
      Buffer.from(JSON.stringify(checkpoint)),
    ])
  }

  async stage(key: string): Promise<StagedUnitWriter> {
    if (!/^[\w.-]+$/.test(key)) throw new Error(`invalid unit key ${key}`)
    await mkdir(this.unitsDir, { recursive: true })
    const final = join(this.unitsDir, `${key}.json`)
    const part = `${final}.part`
    const fh = await open(part, 'w')
    let closed = false
    const close = async () => {
      if (!closed) await fh.close()
      closed = true
    }
    return {
      write: async (bytes) => {
        try {
          for (let at = 0; at < bytes.length;) {
            at += (await fh.write(bytes, at, bytes.length - at)).bytesWritten
          }
        } catch (error) {
          if (isDiskFull(error)) throw new QuotaExceededError(bytes.length, await freeBytes(part))
          throw error
        }
      },
      commit: async () => {
        await fh.sync()
        await close()
        await rename(part, final)
      },
      discard: async () => {
        await close()
        await rm(part, { force: true })
      },
    }
  }

  async units(): Promise<string[]> {
    const names = await readdir(this.unitsDir).catch(() => [] as string[])
    return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length))
  }

  async *read(key: string): AsyncIterable<Uint8Array> {
    for await (const chunk of createReadStream(join(this.unitsDir, `${key}.json`))) {
      yield chunk as Uint8Array
    }
  }

  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }
}
