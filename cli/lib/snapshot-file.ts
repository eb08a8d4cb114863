/** Snapshot files on disk: atomic write (temp file + rename) and reads. */
import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { SnapshotReader, headerLength, readSnapshotHeader } from '../../core/snapshot/codec'
import type { SnapshotHeader } from '../../core/snapshot/codec'
import { CliError } from './command'

/**
 * Writes the parts to `path` atomically: a temporary file in the same directory, fsync, then
 * rename over the target. On any failure the temporary file is removed and an existing file
 * at `path` is left untouched.
 */
export async function writeFileAtomic(path: string, parts: readonly Uint8Array[]): Promise<void> {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  try {
    const fh = await open(tmp, 'wx')
    try {
      for (const p of parts) await fh.write(p)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true })
    throw new CliError(`Cannot write snapshot "${path}": ${(e as Error).message}`)
  }
}

/** Opens a snapshot file (whole file in memory; chunks are decoded lazily). */
export async function openSnapshotFile(path: string): Promise<SnapshotReader> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (e) {
    throw new CliError(
      `Cannot read snapshot "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    )
  }
  try {
    return new SnapshotReader(bytes)
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`)
  }
}

/** Reads only the header of a snapshot file (fast `inspect` of big files). */
export async function readSnapshotFileHeader(path: string): Promise<SnapshotHeader> {
  let fh
  try {
    fh = await open(path, 'r')
  } catch (e) {
    throw new CliError(
      `Cannot read snapshot "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    )
  }
  try {
    const prefix = new Uint8Array(20)
    await fh.read(prefix, 0, 20, 0)
    const bytes = new Uint8Array(headerLength(prefix))
    await fh.read(bytes, 0, bytes.length, 0)
    return readSnapshotHeader(bytes).header
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`)
  } finally {
    await fh.close()
  }
}
