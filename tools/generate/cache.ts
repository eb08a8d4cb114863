/**
 * Binary cache of a generated dataset: `RORGEN01`, a JSON header (table lengths and column
 * layout), then each column's raw bytes (8-byte aligned). A national dataset reloads in well
 * under a second instead of being regenerated.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { ColumnType, Dataset, Schema, SerializedColumn } from './tables'
import { HS_SCHEMA, LOC_SCHEMA, ORG_SCHEMA, PR_SCHEMA, PRAC_SCHEMA, Table } from './tables'

const MAGIC = 'RORGEN01'

interface ColumnLayout {
  name: string
  type: ColumnType
  offset: number
  byteLength: number
}

interface Header {
  key: string
  tables: Record<string, { length: number; columns: ColumnLayout[] }>
}

const SCHEMAS: Record<keyof Dataset, Schema> = {
  org: ORG_SCHEMA,
  hs: HS_SCHEMA,
  loc: LOC_SCHEMA,
  pr: PR_SCHEMA,
  prac: PRAC_SCHEMA,
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8

/** Writes the dataset atomically (temporary file, then rename). */
export async function saveDataset(path: string, key: string, ds: Dataset): Promise<number> {
  const chunks: Uint8Array[] = []
  const header: Header = { key, tables: {} }
  let offset = 0
  for (const name of Object.keys(SCHEMAS) as (keyof Dataset)[]) {
    const columns: ColumnLayout[] = []
    for (const col of ds[name].serialize()) {
      columns.push({ name: col.name, type: col.type, offset, byteLength: col.bytes.byteLength })
      chunks.push(col.bytes)
      const padded = align8(col.bytes.byteLength)
      if (padded > col.bytes.byteLength) chunks.push(new Uint8Array(padded - col.bytes.byteLength))
      offset += padded
    }
    header.tables[name] = { length: ds[name].length, columns }
  }
  const json = new TextEncoder().encode(JSON.stringify(header))
  const prefix = new Uint8Array(align8(MAGIC.length + 4 + json.byteLength))
  prefix.set(new TextEncoder().encode(MAGIC), 0)
  new DataView(prefix.buffer).setUint32(MAGIC.length, json.byteLength, true)
  prefix.set(json, MAGIC.length + 4)
  await mkdir(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, [prefix, ...chunks])
  await rename(tmp, path)
  return prefix.byteLength + offset
}

/** Reads a cached dataset; undefined when missing, for another key, or unreadable. */
export async function loadDataset(path: string, key: string): Promise<Dataset | undefined> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch {
    return undefined
  }
  if (bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined
  try {
    return decode(bytes, key)
  } catch {
    // A truncated or foreign file is not an error: the dataset is regenerated.
    return undefined
  }
}

function decode(bytes: Buffer, key: string): Dataset | undefined {
  const jsonLength = bytes.readUInt32LE(MAGIC.length)
  const header = JSON.parse(
    bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + jsonLength).toString('utf8'),
  ) as Header
  if (header.key !== key) return undefined
  const dataStart = align8(MAGIC.length + 4 + jsonLength)
  const restore = <S extends Schema>(name: keyof Dataset, schema: S): Table<S> => {
    const t = header.tables[name]
    if (!t) throw new Error(`cache: table "${name}" missing`)
    const columns: SerializedColumn[] = t.columns.map((c) => ({
      name: c.name,
      type: c.type,
      bytes: bytes.subarray(dataStart + c.offset, dataStart + c.offset + c.byteLength),
    }))
    return Table.restore(schema, t.length, columns)
  }
  return {
    org: restore('org', ORG_SCHEMA),
    hs: restore('hs', HS_SCHEMA),
    loc: restore('loc', LOC_SCHEMA),
    pr: restore('pr', PR_SCHEMA),
    prac: restore('prac', PRAC_SCHEMA),
  }
}
