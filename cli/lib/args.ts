/** Argument parsing shared by commands (node:util parseArgs with clear French/English errors). */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { ACCESS_PROFILES, type AccessProfile } from '../../core/snapshot/records'
import { CliError, EXIT_USAGE } from './command'

type Options = NonNullable<ParseArgsConfig['options']>

/** Parses `args` strictly; unknown options and missing values are usage errors. */
export function parse<O extends Options>(args: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true })
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n\n${usage}`, EXIT_USAGE)
  }
}

/** An access profile 0–5, or a usage error naming the accepted values. */
export function parseProfile(value: string | undefined, usage: string): AccessProfile {
  if (value === undefined) {
    throw new CliError(`--profile is required (0 to 5).\n\n${usage}`, EXIT_USAGE)
  }
  const n = Number(value)
  if (!/^\d$/.test(value) || !ACCESS_PROFILES.includes(n as AccessProfile)) {
    throw new CliError(
      `Unknown access profile "${value}": use 0, 1, 2, 3, 4 or 5 (ROR access profiles).`,
      EXIT_USAGE,
    )
  }
  return n as AccessProfile
}
