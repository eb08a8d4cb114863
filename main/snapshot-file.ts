/**
 * Main's copy of the snapshot file (userData/snapshot/current.snap) outside a sync: its
 * manifest (schedule: how old it is) and the purge when the access profile is lowered
 * (issue 5). No `electron` import.
 */
import { open, readFile, rm } from 'node:fs/promises'
import {
  isPurgeNeeded,
  narrowedManifest,
  ProfileNarrower,
} from '../core/snapshot/profile-narrowing'
import {
  PREFIX_LENGTH,
  SnapshotEncoder,
  SnapshotReader,
  headerLength,
  readSnapshotHeader,
} from '../core/snapshot/codec'
import { emptyCounts, type SnapshotManifest } from '../core/snapshot/manifest'
import type { AccessProfile, DomainRecord, ResolvedPlacement } from '../core/snapshot/records'
import { verifySnapshotFile } from './snapshot-verify'
import { writeAtomically } from './sync-files'

/** The manifest of a snapshot file, reading only its header; null when there is no file. */
export async function readManifest(path: string): Promise<SnapshotManifest | null> {
  const fh = await open(path, 'r').catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return null
    throw error
  })
  if (!fh) return null
  try {
    const prefix = new Uint8Array(PREFIX_LENGTH)
    await fh.read(prefix, 0, PREFIX_LENGTH, 0)
    const head = new Uint8Array(headerLength(prefix))
    await fh.read(head, 0, head.length, 0)
    return readSnapshotHeader(head).header.manifest
  } finally {
    await fh.close()
  }
}

export type PurgeOutcome =
  | { action: 'none'; reason: 'no-snapshot' | 'covered' }
  | { action: 'narrowed'; from: AccessProfile; to: AccessProfile; hidden: number }
  | { action: 'deleted'; from: AccessProfile | null; to: AccessProfile; error: string }

/**
 * Makes the snapshot file hold nothing `profile` may not see: narrowed in place (a new file
 * written and verified, then renamed over the old one), or — when that fails or the file is
 * unreadable — deleted. The resume state (`<file>.sync/`) is dropped in both cases: its staged
 * units were filtered for the old profile.
 */
export async function purgeSnapshotFile(
  path: string,
  profile: AccessProfile,
): Promise<PurgeOutcome> {
  let manifest: SnapshotManifest | null
  try {
    manifest = await readManifest(path)
  } catch (error) {
    return deleteAll(path, null, profile, error)
  }
  if (!manifest) {
    await rm(`${path}.sync`, { recursive: true, force: true })
    return { action: 'none', reason: 'no-snapshot' }
  }
  if (!isPurgeNeeded(manifest.accessProfile, profile)) return { action: 'none', reason: 'covered' }
  await rm(`${path}.sync`, { recursive: true, force: true })
  try {
    const hidden = await narrowFile(path, profile)
    return { action: 'narrowed', from: manifest.accessProfile, to: profile, hidden }
  } catch (error) {
    return deleteAll(path, manifest.accessProfile, profile, error)
  }
}

async function deleteAll(
  path: string,
  from: AccessProfile | null,
  to: AccessProfile,
  error: unknown,
): Promise<PurgeOutcome> {
  await rm(path, { force: true })
  await rm(`${path}.sync`, { recursive: true, force: true })
  return { action: 'deleted', from, to, error: (error as Error).message }
}

/** Rewrites the file for `profile`; returns how many records were removed whole. */
async function narrowFile(path: string, profile: AccessProfile): Promise<number> {
  const reader = new SnapshotReader(new Uint8Array(await readFile(path)))
  const narrower = new ProfileNarrower(profile)
  const chunks = reader.header.chunks
  chunks.forEach((info, i) => {
    if (ProfileNarrower.LEARN_KINDS.includes(info.kind)) narrower.learn(info.kind, reader.chunk(i))
  })
  const encoder = new SnapshotEncoder()
  const counts = emptyCounts()
  chunks.forEach((info, i) => {
    const kept = narrower.narrow<DomainRecord | ResolvedPlacement>(info.kind, reader.chunk(i))
    encoder.add(info.kind, kept)
    counts[info.kind] += kept.length
  })
  const {
    formatVersion: _v,
    counts: _c,
    checksum: _s,
    ...input
  } = narrowedManifest(reader.manifest, narrower, counts)
  await writeAtomically(path, encoder.finish(input), async (tmp) => {
    await verifySnapshotFile(tmp, counts)
  })
  return narrower.hidden
}
