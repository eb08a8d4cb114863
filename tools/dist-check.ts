/**
 * `npm run dist:check` — verifies the packaging where Electron cannot be downloaded:
 * builds with electron-vite, packs `--linux dir` against a stub Electron distribution with
 * electron-builder (this also validates the whole electron-builder.yml against its schema),
 * then audits the result: the asar holds only package.json and out/ (no node_modules, no
 * source maps, no sources, no tests), the packaged manifest is right, the security fuses
 * are flipped, nothing is unpacked beside the asar. Exits non-zero on any problem.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { extractFile, listPackage } from '@electron/asar'
import { getCurrentFuseWire } from '@electron/fuses'
import {
  auditAsarEntries,
  auditFuses,
  auditPackagedManifest,
  summariseEntries,
} from './dist-check/audit'
import { createStubElectronDist } from './dist-check/stub-electron'

const projectRoot = path.resolve(import.meta.dirname, '..')
const EXECUTABLE_NAME = 'ror-hors-ligne'

class StepFailedError extends Error {
  override name = 'StepFailedError'
}

/** Runs a project binary quietly; prints its output only when it fails. */
function run(step: string, binary: string, args: string[]): void {
  const started = Date.now()
  const result = spawnSync(path.join(projectRoot, 'node_modules', '.bin', binary), args, {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    },
  })
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`)
    throw new StepFailedError(`${step} a échoué (code ${result.status ?? result.signal ?? '?'})`)
  }
  console.log(`✓ ${step} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

async function audit(unpacked: string): Promise<string[]> {
  const resources = path.join(unpacked, 'resources')
  const archive = path.join(resources, 'app.asar')
  const entries = listPackage(archive, { isPack: false })
  const problems = [
    ...auditAsarEntries(entries),
    ...auditPackagedManifest(JSON.parse(extractFile(archive, 'package.json').toString('utf8'))),
    ...auditFuses(await getCurrentFuseWire(path.join(unpacked, EXECUTABLE_NAME))),
  ]
  const extras = (await readdir(resources)).filter((name) => name !== 'app.asar')
  if (extras.length > 0)
    problems.push(`fichiers hors de l'asar dans resources/ : ${extras.join(', ')}`)

  const size = (await stat(archive)).size
  console.log(`\napp.asar : ${(size / 1024).toFixed(0)} Kio, ${entries.length} entrées`)
  for (const [group, count] of summariseEntries(entries)) {
    console.log(`  ${group.padEnd(18)} ${count} fichier${count > 1 ? 's' : ''}`)
  }
  return problems
}

async function main(): Promise<number> {
  const work = await mkdtemp(path.join(tmpdir(), 'ror-dist-check-'))
  const stub = path.join(work, 'electron-dist')
  const output = path.join(work, 'dist')
  let isSuccess = false
  try {
    run('electron-vite build', 'electron-vite', ['build'])
    const version = await createStubElectronDist(stub, projectRoot)
    console.log(`✓ Electron factice ${version} dans ${stub}`)
    run('electron-builder --linux dir', 'electron-builder', [
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${stub}`,
      `-c.directories.output=${output}`,
    ])
    const problems = await audit(path.join(output, 'linux-unpacked'))
    if (problems.length > 0) {
      console.error(`\n✗ dist:check : ${problems.length} problème(s) dans le paquet :`)
      for (const problem of problems) console.error(`  - ${problem}`)
      console.error(`Paquet conservé pour examen : ${output}`)
      return 1
    }
    isSuccess = true
    console.log('\n✓ dist:check : l’asar ne contient que package.json et out/, fusibles en place.')
    return 0
  } finally {
    if (isSuccess) await rm(work, { recursive: true, force: true })
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`✗ dist:check : ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
