import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Only the two entry files may load `electron` at run time: every other main-process module
 * receives Electron objects as arguments, which is what lets them run (and be tested) under
 * Node, where `require('electron')` tries to download the binary and throws.
 */
const RUNTIME_ELECTRON_IMPORT =
  /^import\s+(?!type\b)(?:(?!^import\b)[\s\S])*?from\s+'electron(?:\/[^']*)?'/m
const ALLOWED = new Set(['main/index.ts', 'preload/index.ts'])

async function sourceFiles(folder: string): Promise<string[]> {
  const root = path.resolve(import.meta.dirname, '..')
  const names = await readdir(path.join(root, folder))
  return names
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => `${folder}/${name}`)
}

describe('process boundaries', () => {
  it('keeps runtime electron imports in the entry files', async () => {
    const root = path.resolve(import.meta.dirname, '..')
    const offenders: string[] = []
    for (const file of [...(await sourceFiles('main')), ...(await sourceFiles('preload'))]) {
      const source = await readFile(path.join(root, file), 'utf8')
      if (RUNTIME_ELECTRON_IMPORT.test(source) && !ALLOWED.has(file)) offenders.push(file)
    }
    expect(offenders).toEqual([])
  })

  it('recognises a runtime import and ignores a type-only one', () => {
    expect(RUNTIME_ELECTRON_IMPORT.test("import { app } from 'electron'")).toBe(true)
    expect(RUNTIME_ELECTRON_IMPORT.test("import {\n  app,\n  shell,\n} from 'electron'")).toBe(true)
    expect(RUNTIME_ELECTRON_IMPORT.test("import type { App } from 'electron'")).toBe(false)
    const typeAfterValue = "import path from 'node:path'\nimport type { Protocol } from 'electron'"
    expect(RUNTIME_ELECTRON_IMPORT.test(typeAfterValue)).toBe(false)
  })
})
