/**
 * The command table. To add a command (e.g. `search`, `sync`): write `cli/commands/<name>.ts`
 * exporting a `Command` (cli/lib/command.ts) and add it to this list — nothing else changes.
 */
import type { Command } from '../lib/command'
import { dumpCommand } from './dump'
import { importCommand } from './import'
import { inspectCommand } from './inspect'
import { searchCommand } from './search'
import { syncCommand } from './sync'

export const COMMANDS: readonly Command[] = [
  importCommand,
  inspectCommand,
  dumpCommand,
  searchCommand,
  syncCommand,
]
