/**
 * A stand-in for Electron's unpacked distribution, so electron-builder can package the app
 * where the Electron binary cannot be downloaded (STACK-NOTES §1). The "binary" is a shell
 * script that refuses to run; it carries a fuse wire (the sentinel @electron/fuses looks for,
 * with Electron's shipped default states) so the `electronFuses` configuration is really
 * applied and can be checked afterwards.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/**
 * Wire version 1, 8 fuses, in Electron's default states: RunAsNode on, cookie encryption
 * off, NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off, browser V8 snapshot
 * off, file:// extra privileges on.
 */
const DEFAULT_FUSE_STATES = '10110001'

/** Creates the stub in `folder` for the Electron version installed in node_modules. */
export async function createStubElectronDist(folder: string, projectRoot: string): Promise<string> {
  const electronPackage = JSON.parse(
    await readFile(path.join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string }
  await mkdir(path.join(folder, 'resources'), { recursive: true })
  const executable = path.join(folder, 'electron')
  const script = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\necho "Electron factice (npm run dist:check) : non exécutable" >&2\nexit 1\n# ',
    ),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_FUSE_STATES.length]),
    Buffer.from(`${DEFAULT_FUSE_STATES}\n`),
  ])
  await writeFile(executable, script)
  await chmod(executable, 0o755)
  await writeFile(path.join(folder, 'version'), electronPackage.version)
  await writeFile(path.join(folder, 'LICENSE'), 'Stub Electron distribution for dist:check.\n')
  await writeFile(
    path.join(folder, 'LICENSES.chromium.html'),
    '<!doctype html><title>stub</title>\n',
  )
  return electronPackage.version
}
