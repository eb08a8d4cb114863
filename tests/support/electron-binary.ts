/**
 * Finds the Electron binary the way node_modules/electron/index.js does, without requiring
 * that module: with Electron ≥ 42 a `require('electron')` under Node starts a download when
 * the binary is missing (STACK-NOTES §1), which is exactly the case we need to detect.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

export type ElectronBinary =
  { isInstalled: true; executablePath: string } | { isInstalled: false; reason: string }

export function findElectronBinary(
  projectRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): ElectronBinary {
  const packageDir = path.join(projectRoot, 'node_modules', 'electron')
  const pathFile = path.join(packageDir, 'path.txt')
  if (!existsSync(packageDir)) {
    return { isInstalled: false, reason: 'node_modules/electron is missing (run npm install)' }
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const overrideDist = env.ELECTRON_OVERRIDE_DIST_PATH
  if (overrideDist) {
    const executablePath = path.join(overrideDist, relative || 'electron')
    return existsSync(executablePath)
      ? { isInstalled: true, executablePath }
      : { isInstalled: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${executablePath}` }
  }
  if (relative === '') {
    return { isInstalled: false, reason: 'node_modules/electron/path.txt is missing' }
  }
  const executablePath = path.join(packageDir, 'dist', relative)
  return existsSync(executablePath)
    ? { isInstalled: true, executablePath }
    : { isInstalled: false, reason: `${executablePath} does not exist` }
}
