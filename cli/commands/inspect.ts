/** `inspect`: the manifest and counts of a snapshot file, after checking its integrity. */
import { liveCount, topLayer } from '../../core/snapshot/codec'
import { crc32, crcHex } from '../../core/snapshot/crc32'
import { parse } from '../lib/args'
import { CliError, EXIT_USAGE, say, type Command } from '../lib/command'
import { openSnapshotFile } from '../lib/snapshot-file'

const USAGE = `Usage: inspect <snapshot> [--json]

Prints the manifest of a snapshot (format version, access profile, source, date, counts,
skipped resources and reasons) after verifying the checksum of every chunk.
  --json   print {manifest, chunks} as JSON on stdout`

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'show the manifest and counts of a snapshot file (checks its integrity)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, USAGE)
    const path = positionals[0]
    if (!path || positionals.length > 1) throw new CliError(USAGE, EXIT_USAGE)
    const reader = await openSnapshotFile(path)
    const { manifest, chunks } = reader.header
    // Verify each chunk's CRC without inflating it (decoding happens in `dump`).
    const bad = chunks.filter((c, i) => crcHex(crc32(reader.chunkBytes(i))) !== c.crc32)
    if (bad.length > 0) {
      throw new CliError(`${path}: corrupted snapshot, ${bad.length} chunk(s) fail their checksum.`)
    }
    if (values.json) {
      say(io.stdout, JSON.stringify({ manifest, chunks: chunks.length }))
      return 0
    }
    const s = manifest.source
    const lines = [
      `Snapshot ${path}`,
      `  format version: ${manifest.formatVersion}`,
      `  access profile: ${manifest.accessProfile}`,
      `  source: ${s.kind}${s.server ? ` ${s.server}` : ''}${s.region ? ` region ${s.region}` : ''}${s.files ? ` (${s.files.join(', ')})` : ''}`,
      `  created: ${manifest.createdAt}`,
      `  counts: ${Object.entries(manifest.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      `  chunks: ${chunks.length}; checksum ${manifest.checksum.algorithm} ${manifest.checksum.value} (verified)`,
      `  superseded versions: ${manifest.superseded}; hidden by profile: ${manifest.hiddenByProfile}`,
      `  skipped: ${manifest.skipped.count}`,
      ...manifest.skipped.reasons.map(
        (r) =>
          `    - ${[r.source, `${r.resourceType}${r.id ? `/${r.id}` : ''}`].filter(Boolean).join(' ')}: ${r.element}: ${r.message}`,
      ),
    ]
    if (manifest.sync?.lastSyncStart)
      lines.push(`  last sync start: ${manifest.sync.lastSyncStart}`)
    if (manifest.sync?.lastFullSync) lines.push(`  last full sync: ${manifest.sync.lastFullSync}`)
    const layers = topLayer(chunks)
    if (layers > 0) {
      const dead = chunks.reduce((n, c) => n + c.count - liveCount(c), 0)
      lines.push(
        `  overlay: ${layers} delta(s) over the last full sync, ${dead} superseded record(s) skipped when read`,
      )
    }
    const factsLayers = reader.header.factsLayers?.length ?? 0
    const facts = reader.header.facts
      ? `yes (next delta keeps the chunks)${factsLayers ? `, ${factsLayers} layer(s)` : ''}`
      : 'no'
    lines.push(`  sync facts: ${facts}`)
    say(io.stdout, lines.join('\n'))
    return 0
  },
}
