/**
 * The contract every CLI command implements. Commands live in `cli/commands/<name>.ts` and are
 * registered in the table of `cli/commands/index.ts`; the dispatcher (cli/index.ts) only looks
 * a name up in that table.
 */
import type { Writable } from 'node:stream'

export interface CliIo {
  /** Machine-readable output (JSON, NDJSON) or the command's main text output. */
  stdout: Writable
  /** Messages, progress, warnings, errors. */
  stderr: Writable
}

export interface Command {
  name: string
  /** One line for `help`. */
  summary: string
  /** Full usage text for `help <command>`. */
  usage: string
  /** Runs the command; resolves to the process exit code. Throw CliError for user errors. */
  run(args: readonly string[], io: CliIo): Promise<number>
}

/** A failure to report to the user as is (no stack trace), with its exit code. */
export class CliError extends Error {
  override name = 'CliError'
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
  }
}

/** Exit code for wrong usage (unknown option, missing argument). */
export const EXIT_USAGE = 2

/** Writes a line to a stream. */
export function say(stream: Writable, line: string): void {
  stream.write(line + '\n')
}
