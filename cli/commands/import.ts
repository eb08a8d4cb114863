/** `import`: FHIR files → access-filtered snapshot file. */
import { basename } from 'node:path'
import { assembleSnapshot } from '../../core/snapshot/assemble'
import { SnapshotBuilder } from '../../core/snapshot/builder'
import type { AccessProfile, GeoPrecision } from '../../core/snapshot/records'
import { resolvePlacements } from '../../core/snapshot/resolve'
import { parse, parseProfile } from '../lib/args'
import { CliError, EXIT_USAGE, say, type CliIo, type Command } from '../lib/command'
import { DEFAULT_COMMUNES_PATH, loadCommuneCentroids } from '../lib/communes'
import { readFhirInput } from '../lib/fhir-input'
import { writeFileAtomic } from '../lib/snapshot-file'

const USAGE = `Usage: import --profile <0-5> --out <snapshot> [--communes <communes.json>] [--demo] [--json] <inputs...>

Reads FHIR JSON files (one resource, a Bundle of any type incl. $export output, a JSON array)
or NDJSON files, keeps the latest version of each resource (meta.lastUpdated), drops what the
access profile may not see, and writes the snapshot atomically (the previous file stays intact
on failure). Invalid resources are skipped and reported, never fatal.
  --profile   ROR access profile of the snapshot: 0 (public) … 5
  --out       snapshot file to write
  --communes  commune gazetteer for the commune-centroid fallback
              (default: ${DEFAULT_COMMUNES_PATH})
  --demo      mark the snapshot as fictitious demonstration data (the app labels it so;
              used by \`npm run demo:build\` for data/demo/demo.snap)
  --json      print the summary as JSON on stdout`

export const importCommand: Command = {
  name: 'import',
  summary: 'build a snapshot file from ROR FHIR files (JSON, Bundles, NDJSON)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      {
        profile: { type: 'string' },
        out: { type: 'string' },
        communes: { type: 'string' },
        demo: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      USAGE,
    )
    const profile = parseProfile(values.profile, USAGE)
    if (!values.out) throw new CliError(`--out is required.\n\n${USAGE}`, EXIT_USAGE)
    if (positionals.length === 0) throw new CliError(`No input file.\n\n${USAGE}`, EXIT_USAGE)

    const kind = values.demo ? 'demo' : 'import'
    const summary = await importFiles(profile, values.out, positionals, values.communes, kind, io)
    if (values.json) say(io.stdout, JSON.stringify(summary))
    else printSummary(summary, io.stdout)
    if (summary.skipped.count > 0) {
      say(io.stderr, `warning: ${summary.skipped.count} item(s) skipped (reasons in the summary).`)
    }
    return 0
  },
}

type Summary = Awaited<ReturnType<typeof importFiles>>

/** Reads the inputs, builds, places and writes the snapshot; returns the summary. */
async function importFiles(
  profile: AccessProfile,
  out: string,
  files: readonly string[],
  communes: string | undefined,
  kind: 'import' | 'demo',
  io: CliIo,
) {
  const started = Date.now()
  const builder = new SnapshotBuilder({ profile })
  const inputs = []
  for (const file of files) inputs.push(await readFhirInput(file, builder))
  const build = builder.finish()

  const geo = await loadCommuneCentroids(communes)
  if (geo.warning) say(io.stderr, `warning: ${geo.warning}`)
  const placements = resolvePlacements(build.all(), geo.centroid)
  const parts = assembleSnapshot(build, {
    profile,
    placements,
    source: { kind, files: files.map((f) => basename(f)) },
  })
  await writeFileAtomic(out, parts)

  const precision: Record<GeoPrecision, number> = { location: 0, structure: 0, commune: 0, none: 0 }
  for (const p of placements) precision[p.precision]++
  return {
    out,
    profile,
    counts: build.stats.counts,
    placements: precision,
    skipped: build.stats.skipped,
    ignored: build.stats.ignored,
    superseded: build.stats.superseded,
    hiddenByProfile: build.stats.hiddenByProfile,
    inputs,
    bytes: parts.reduce((n, p) => n + p.length, 0),
    seconds: (Date.now() - started) / 1000,
  }
}

function printSummary(s: Summary, out: NodeJS.WritableStream): void {
  const lines = [
    `Snapshot written: ${s.out} (profile ${s.profile}, ${s.bytes} bytes, ${s.seconds.toFixed(1)} s)`,
    `  records: ${Object.entries(s.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `  offer placement: ${Object.entries(s.placements)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `  superseded versions: ${s.superseded}; hidden by profile: ${s.hiddenByProfile}`,
  ]
  const ignored = Object.entries(s.ignored)
  if (ignored.length > 0)
    lines.push(`  ignored (not ROR resources): ${ignored.map(([k, v]) => `${k} ${v}`).join(', ')}`)
  lines.push(`  skipped: ${s.skipped.count}`)
  for (const r of s.skipped.reasons) {
    const where = [r.source, `${r.resourceType}${r.id ? `/${r.id}` : ''}`].filter(Boolean).join(' ')
    lines.push(`    - ${where}: ${r.element}: ${r.message}`)
  }
  out.write(lines.join('\n') + '\n')
}
