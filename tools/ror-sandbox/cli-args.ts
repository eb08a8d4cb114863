/**
 * Command-line options of `npm run sandbox -- …` (see README.md).
 */
import { ACCESS_PROFILES, type AccessProfile } from '../../core/snapshot/records'
import type { Scale, ScaleCounts } from '../generate/store-types'
import { parseFaultsArg, type FaultSpec } from './faults'

export interface CliOptions {
  port: number
  host: string
  scale: Scale | ScaleCounts
  seed: number
  cacheDir: string
  tokenLifetimeSec: number
  clientSecret: string
  mtls: boolean
  certsDir: string
  faults: FaultSpec
  resultCap: number
  exportFileSize: number
  exportDelayMs: number
  /** '' = no export cache (files rendered at each download). */
  exportCacheDir: string
  /** '' = offer facts learnt on demand, not kept. */
  factsCacheDir: string
  prerenderExport: AccessProfile[]
  help: boolean
}

export const USAGE = `usage: npm run sandbox -- [options]
  --port <P>              port (default 8090; 0 = any free port)
  --host <H>              interface (default 127.0.0.1)
  --scale <S>             demo | region | national | <number of EG> (default demo)
  --seed <N>              generator seed (default 1)
  --cache-dir <dir>       generated data cache (default .cache/sandbox)
  --token-lifetime <s>    access token lifetime in seconds (default 300)
  --client-secret <s>     client secret of profil-0 … profil-5 (default sandbox)
  --mtls                  HTTPS + client certificates required for profiles 1-5
  --certs-dir <dir>       where the test PKI is kept/generated (default <cache-dir>/certs)
  --faults <spec>         e.g. 'latencyMs=200,rate429=0.1,retryAfter=2,rate503=every:7'
                          or JSON '{"truncatedJson":{"once":true}}'
  --result-cap <N>        search result cap (default 10000, as the ROR)
  --export-file-size <N>  offers per $export output file (default 5000)
  --export-delay-ms <N>   simulated $export job duration (default 2000)
  --export-cache <dir|off> where $export output files are rendered once and then served from
                          (default <cache-dir>/exports; 'off' renders them at each download)
  --facts-cache <dir|off> where the access policy's facts about offers are kept, so the first
                          queries after a start need not learn them (default <cache-dir>/facts)
  --prerender-export <P>  render the national export files of profiles P (e.g. 1 or 0,2) into
                          the cache before listening, as the ROR prepares its bulk files
`

function int(name: string, value: string | undefined, min = 0): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min) {
    throw new Error(`${name} expects an integer >= ${min}, got "${value ?? ''}"`)
  }
  return Number(value)
}

export function parseScale(value: string | undefined): Scale | ScaleCounts {
  if (value === 'demo' || value === 'region' || value === 'national') return value
  return { eg: int('--scale', value, 1) }
}

function parseProfiles(value: string | undefined): AccessProfile[] {
  const profiles = (value ?? '').split(',').map(Number)
  if (profiles.some((p) => !ACCESS_PROFILES.includes(p as AccessProfile))) {
    throw new Error(
      `--prerender-export expects profiles 0-5 separated by commas, got "${value ?? ''}"`,
    )
  }
  return profiles as AccessProfile[]
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    port: 8090,
    host: '127.0.0.1',
    scale: 'demo',
    seed: 1,
    cacheDir: '.cache/sandbox',
    tokenLifetimeSec: 300,
    clientSecret: 'sandbox',
    mtls: false,
    certsDir: '',
    faults: {},
    resultCap: 10_000,
    exportFileSize: 5000,
    exportDelayMs: 2000,
    exportCacheDir: '',
    factsCacheDir: '',
    prerenderExport: [],
    help: false,
  }
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]
    const value = (): string | undefined => argv[++i]
    switch (flag) {
      case '--port':
        options.port = int(flag, value())
        break
      case '--host':
        options.host = value() ?? options.host
        break
      case '--scale':
        options.scale = parseScale(value())
        break
      case '--seed':
        options.seed = int(flag, value())
        break
      case '--cache-dir':
        options.cacheDir = value() ?? options.cacheDir
        break
      case '--token-lifetime':
        options.tokenLifetimeSec = int(flag, value(), 1)
        break
      case '--client-secret':
        options.clientSecret = value() ?? options.clientSecret
        break
      case '--mtls':
        options.mtls = true
        break
      case '--certs-dir':
        options.certsDir = value() ?? ''
        break
      case '--faults':
        options.faults = parseFaultsArg(value() ?? '')
        break
      case '--result-cap':
        options.resultCap = int(flag, value(), 1)
        break
      case '--export-file-size':
        options.exportFileSize = int(flag, value(), 1)
        break
      case '--export-delay-ms':
        options.exportDelayMs = int(flag, value())
        break
      case '--export-cache':
        options.exportCacheDir = value() ?? ''
        break
      case '--facts-cache':
        options.factsCacheDir = value() ?? ''
        break
      case '--prerender-export':
        options.prerenderExport = parseProfiles(value())
        break
      case '--help':
      case '-h':
        options.help = true
        break
      default:
        throw new Error(`unknown option "${flag ?? ''}"`)
    }
  }
  if (options.certsDir === '') options.certsDir = `${options.cacheDir}/certs`
  if (options.exportCacheDir === '') options.exportCacheDir = `${options.cacheDir}/exports`
  if (options.exportCacheDir === 'off') options.exportCacheDir = ''
  if (options.factsCacheDir === '') options.factsCacheDir = `${options.cacheDir}/facts`
  if (options.factsCacheDir === 'off') options.factsCacheDir = ''
  return options
}
