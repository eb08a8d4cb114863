/**
 * `npm run sandbox -- --port <P> --scale <S> --seed <N> …`: starts the local ROR sandbox.
 * stdout carries exactly one line, `listening on <origin>`, once the server accepts requests
 * (scripts wait for it); generation progress and hints go to stderr.
 */
import { parseCliArgs, USAGE } from './cli-args'
import type { WarmUp } from './warm-up'
import { startSandbox } from './server'

function progressPrinter(): (phase: string, done: number, total: number) => void {
  let lastPhase = ''
  let lastPrint = 0
  return (phase, done, total) => {
    const now = Date.now()
    if (phase === lastPhase && done < total && now - lastPrint < 1000) return
    lastPhase = phase
    lastPrint = now
    const percent = total > 0 ? Math.floor((100 * done) / total) : 100
    process.stderr.write(`generate: ${phase} ${done}/${total} (${percent}%)\n`)
  }
}

function reportWarmUp(warmUp: WarmUp | undefined, offers: number, withFacts: boolean): void {
  if (!warmUp) return
  const started = Date.now()
  const facts = withFacts ? `, offer facts ${warmUp.factsLoaded}/${offers} from the cache` : ''
  process.stderr.write(`ror-sandbox: preparing search indexes in the background${facts}\n`)
  warmUp.done.then(
    () => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      process.stderr.write(`ror-sandbox: search indexes ready in ${seconds} s\n`)
    },
    (error: unknown) =>
      process.stderr.write(`ror-sandbox: warm-up failed: ${(error as Error).message}\n`),
  )
}

async function main(): Promise<void> {
  let options
  try {
    options = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`)
    process.exit(2)
  }
  if (options.help) {
    process.stdout.write(USAGE)
    return
  }
  const started = Date.now()
  const sandbox = await startSandbox({
    port: options.port,
    host: options.host,
    scale: options.scale,
    seed: options.seed,
    cacheDir: options.cacheDir,
    onProgress: progressPrinter(),
    tokenLifetimeSec: options.tokenLifetimeSec,
    clientSecret: options.clientSecret,
    ...(options.mtls ? { mtls: { certsDir: options.certsDir } } : {}),
    faults: options.faults,
    resultCap: options.resultCap,
    exportFileSize: options.exportFileSize,
    exportDelayMs: options.exportDelayMs,
    ...(options.exportCacheDir === '' ? {} : { exportCacheDir: options.exportCacheDir }),
    warmUp: true,
    ...(options.factsCacheDir === '' ? {} : { offerFactsCacheDir: options.factsCacheDir }),
    prerenderExport: options.prerenderExport,
    onPrerender: (profile, n, total) => {
      if (n === total || n % 10 === 0) {
        process.stderr.write(`ror-sandbox: export files of profile ${profile}: ${n}/${total}\n`)
      }
    },
  })
  const { store } = sandbox
  process.stderr.write(
    `ror-sandbox: ${store.count('HealthcareService')} HealthcareService, ` +
      `${store.count('Location')} Location, ${store.count('Organization')} Organization, ` +
      `${store.count('PractitionerRole')} PractitionerRole, ${store.count('Practitioner')} ` +
      `Practitioner ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
      `  token: POST ${sandbox.tokenUrl} (client_id profil-0…profil-5, secret "${options.clientSecret}")\n` +
      `  FHIR:  ${sandbox.fhirBase}\n` +
      (sandbox.certs ? `  certificates: ${sandbox.certs.dir}\n` : ''),
  )
  process.stdout.write(`listening on ${sandbox.url}\n`)
  reportWarmUp(sandbox.warmUp, store.count('HealthcareService'), options.factsCacheDir !== '')
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`ror-sandbox: ${(error as Error)?.message ?? String(error)}\n`)
  process.exit(1)
})
