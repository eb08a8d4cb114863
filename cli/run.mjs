/**
 * `npm run cli`: runs the CLI (cli/index.ts) from a bundle in cli/.build/, made with esbuild on
 * first use and again whenever one of its source files changed. Starting from the bundle takes
 * ~0.1 s where loading the TypeScript sources through tsx takes ~0.6 s — on every command, a
 * nightly delta sync included. Set ROR_CLI_TSX=1 to run the sources through tsx instead.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'cli', '.build')
const stamp = join(out, 'inputs.json')

/** Whether the bundle is missing or older than one of the files it was made from. */
async function stale() {
  let inputs
  try {
    inputs = JSON.parse(await readFile(stamp, 'utf8'))
  } catch {
    return true
  }
  const checks = inputs.files.map((f) =>
    stat(join(root, f)).then(
      (s) => s.mtimeMs > inputs.builtAt,
      () => true,
    ),
  )
  return (await Promise.all(checks)).some(Boolean)
}

/** Bundles the CLI and the sync worker into a fresh folder, then swaps it in. */
async function build() {
  const { build: esbuild } = await import('esbuild')
  const builtAt = Date.now()
  const tmp = `${out}.${process.pid}.tmp`
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: { index: 'cli/index.ts', 'sync-worker': 'main/sync-worker.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    // Dependencies load from node_modules as they do for the sources.
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
  })
  const files = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules'))
  await writeFile(join(tmp, 'inputs.json'), JSON.stringify({ builtAt, files }))
  await rm(out, { recursive: true, force: true })
  // Another CLI process may have swapped its own build in meanwhile: either one will do.
  await rename(tmp, out).catch(() => rm(tmp, { recursive: true, force: true }))
}

/** The sources through tsx (ROR_CLI_TSX=1, or when the bundle cannot be made). */
async function runSources() {
  const { register } = await import('tsx/esm/api')
  register()
  await import(pathToFileURL(join(root, 'cli', 'index.ts')).href)
}

if (process.env.ROR_CLI_TSX === '1') await runSources()
else {
  let bundled = true
  if (await stale()) {
    try {
      await mkdir(dirname(out), { recursive: true })
      await build()
    } catch (error) {
      // E.g. a read-only checkout: slower to start, same behaviour. esbuild lists one line
      // per output file; the last one says why.
      const reason = String(error?.message ?? error)
        .split('\n')
        .pop()
        .replace(/^error: /, '')
      process.stderr.write(
        `warning: cannot build the CLI bundle in ${out} (${reason}): running the sources through tsx\n`,
      )
      bundled = false
    }
  }
  if (bundled) await import(pathToFileURL(join(out, 'index.mjs')).href)
  else await runSources()
}
