/**
 * `npm run test:e2e`: the Chromium suite against the browser-mode build, then the Electron
 * suite when the Electron binary is installed (otherwise one line says why it is skipped).
 */
import { spawnSync } from 'node:child_process'
import { runElectronE2e } from './electron'

const vitest = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts'], {
  stdio: 'inherit',
})
if (vitest.status !== 0) {
  process.exit(vitest.status ?? 1)
}

try {
  await runElectronE2e()
} catch (error) {
  console.error('Electron e2e: échec —', error)
  process.exit(1)
}
