/** `dump`: every stored record as NDJSON, to audit what a snapshot really holds. */
import type { Writable } from 'node:stream'
import { CHUNK_KINDS, type ChunkKind } from '../../core/snapshot/manifest'
import { parse } from '../lib/args'
import { CliError, EXIT_USAGE, type Command } from '../lib/command'
import { openSnapshotFile } from '../lib/snapshot-file'

const USAGE = `Usage: dump <snapshot> [--type <kind>]...

Writes every record of the snapshot to stdout as NDJSON, one per line, each with its "type"
(offer, organization, location, practitionerRole, practitioner; offer placements as
"placement"). Chunks are decoded one at a time and their checksums verified.
  --type   only these kinds (repeatable): ${CHUNK_KINDS.join(', ')}`

export const dumpCommand: Command = {
  name: 'dump',
  summary: 'write every record of a snapshot as NDJSON (one per line, with its type)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parse(args, { type: { type: 'string', multiple: true } }, USAGE)
    const path = positionals[0]
    if (!path || positionals.length > 1) throw new CliError(USAGE, EXIT_USAGE)
    const kinds = values.type?.map((t) => {
      if (!(CHUNK_KINDS as readonly string[]).includes(t)) {
        throw new CliError(`Unknown --type "${t}": use ${CHUNK_KINDS.join(', ')}.`, EXIT_USAGE)
      }
      return t as ChunkKind
    })
    const reader = await openSnapshotFile(path)
    const chunks = reader.header.chunks
    for (let i = 0; i < chunks.length; i++) {
      const kind = chunks[i]!.kind
      if (kinds && !kinds.includes(kind)) continue
      let text: string
      try {
        text = reader
          .chunk(i)
          .map((r) => JSON.stringify(kind === 'placement' ? { type: 'placement', ...r } : r))
          .join('\n')
      } catch (e) {
        throw new CliError(`${path}: ${(e as Error).message}`)
      }
      if (!(await write(io.stdout, text + '\n'))) return 0
    }
    return 0
  },
}

/**
 * Writes and waits until the text is handed to the OS (backpressure: one chunk of records in
 * flight at a time). Resolves false when the reader went away (e.g. `dump … | head`).
 */
function write(stream: Writable, text: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (stream.destroyed) resolve(false)
    else stream.write(text, (error) => resolve(!error))
  })
}
