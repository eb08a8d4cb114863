/**
 * CLI entry point: `npm run --silent cli -- <command> [options]`. Looks the command up in the
 * table of cli/commands/index.ts. Machine-readable output goes to stdout, messages to stderr;
 * the exit code is non-zero on failure (2 for wrong usage).
 */
import { COMMANDS } from './commands'
import { CliError, EXIT_USAGE, say, type CliIo, type Command } from './lib/command'

const io: CliIo = { stdout: process.stdout, stderr: process.stderr }

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4)
  return [
    'ROR hors ligne — command line',
    '',
    'Usage: npm run --silent cli -- <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  this text, or \`help <command>\` for its options`,
  ].join('\n')
}

function find(name: string | undefined): Command | undefined {
  return COMMANDS.find((c) => c.name === name)
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = find(args[0])
    say(io.stdout, topic ? topic.usage : helpText())
    return name === undefined ? EXIT_USAGE : 0
  }
  const command = find(name)
  if (!command) {
    say(io.stderr, `Unknown command "${name}".\n\n${helpText()}`)
    return EXIT_USAGE
  }
  if (args.includes('--help') || args.includes('-h')) {
    say(io.stdout, command.usage)
    return 0
  }
  try {
    return await command.run(args, io)
  } catch (e) {
    if (e instanceof CliError) {
      say(io.stderr, `error: ${e.message}`)
      return e.exitCode
    }
    say(io.stderr, `error: unexpected failure in "${name}": ${(e as Error).stack ?? String(e)}`)
    return 1
  }
}

// Handle `dump … | head` quietly: a closed stdout is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e
})

process.exitCode = await main(process.argv.slice(2))
