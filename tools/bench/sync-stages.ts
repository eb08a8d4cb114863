/**
 * Stage rates of the sync measured in isolation, on real inputs: one `$export` output file of
 * the sandbox (parse: structure scan + JSON.parse of each entry; map: validation, access policy
 * and mapping in SnapshotBuilder), and the synced snapshot (index: the search engine's build).
 */
import { readFileSync } from 'node:fs'
import { SnapshotReader } from '../../core/snapshot/codec'
import { SnapshotBuilder } from '../../core/snapshot/builder'
import type { DomainRecord, ResolvedPlacement } from '../../core/snapshot/records'
import { buildSearchIndex } from '../../core/search/build'
import { searchInputFromRecords } from '../../core/search/input'
import { BundleParser } from '../../core/sync/bundle-parser'

export interface StageRate {
  items: number
  seconds: number
}

/** Parse and map rates on the bytes of one export file. */
export function parseAndMap(bytes: Uint8Array, profile: 0 | 1 | 2 | 3 | 4 | 5) {
  let t = performance.now()
  // As the sync reads a unit: the whole file fed at once, entries parsed as they complete.
  const parser = new BundleParser({ parseEntries: true })
  const entries: unknown[] = []
  for (const item of parser.feed(bytes)) {
    if (item.kind === 'parsed') entries.push(item.value)
    else if (item.kind === 'entry') entries.push(JSON.parse(item.text))
  }
  parser.end()
  const parse: StageRate = { items: entries.length, seconds: (performance.now() - t) / 1000 }
  t = performance.now()
  const builder = new SnapshotBuilder({ profile })
  for (const entry of entries) builder.addEntry(entry)
  const build = builder.finish()
  let records = 0
  for (const type of [
    'offer',
    'organization',
    'location',
    'practitionerRole',
    'practitioner',
  ] as const) {
    for (const _json of build.jsonOf(type)) records++
  }
  const map: StageRate = { items: records, seconds: (performance.now() - t) / 1000 }
  return { parse, map, bytesPerResource: bytes.length / entries.length }
}

/** Time to build the search index from a snapshot file (what the app does after a sync). */
export function indexBuild(path: string): StageRate {
  const reader = new SnapshotReader(new Uint8Array(readFileSync(path)))
  const records: (DomainRecord | ResolvedPlacement)[] = []
  for (let i = 0; i < reader.header.chunks.length; i++) records.push(...reader.chunk(i))
  const t = performance.now()
  buildSearchIndex(searchInputFromRecords(records, {}))
  return { items: records.length, seconds: (performance.now() - t) / 1000 }
}
