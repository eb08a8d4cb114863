import { existsSync } from 'node:fs'

/** Where the e2e suite looks for a Chromium binary, in order. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

/**
 * Finds Chromium: `CHROME_PATH` first, then the Debian locations. Fails with a message that
 * says how to install it, rather than letting Playwright try (and fail) to download one.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROME_PATH
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    throw new Error(
      `CHROME_PATH=${fromEnv} n'existe pas. Corrigez CHROME_PATH ou installez Chromium : ` +
        '`sudo apt-get install -y chromium` (Debian/Ubuntu).',
    )
  }
  const found = CHROMIUM_CANDIDATES.find((path) => existsSync(path))
  if (found) return found
  throw new Error(
    'Chromium introuvable pour les tests e2e (cherché : CHROME_PATH, ' +
      `${CHROMIUM_CANDIDATES.join(', ')}). Installez-le avec \`sudo apt-get install -y chromium\` ` +
      'ou indiquez son chemin dans la variable CHROME_PATH.',
  )
}

/** Flags for headless Chromium on a machine with no network beyond localhost. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]

/** The app's window for tests and benchmarks: a laptop screen, French, Paris time. */
export const APP_CONTEXT = {
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1440, height: 900 },
  locale: 'fr-FR',
  timezoneId: 'Europe/Paris',
}
