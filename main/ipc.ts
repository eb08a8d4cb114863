/**
 * Registers the IPC handlers of the contract (core/ipc/contract.ts). Every call is checked
 * twice before a handler sees it: the sender must be the app's own top-level page, and the
 * arguments must parse with the channel's zod schema. Handlers therefore receive typed,
 * validated values and never the raw event.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { IPC_CHANNELS, MAIN_EVENT_CHANNEL, ipcArgSchemas } from '../core/ipc/contract'
import type { IpcArgs, IpcChannel, IpcHandlers, MainEvent } from '../core/ipc/contract'
import { isInternalUrl } from '../core/security/url-trust'

/** Raised (and so rejected to the renderer) when a call is refused before its handler. */
export class IpcRejectedError extends Error {
  override name = 'IpcRejectedError'
}

/** What is known about the frame that sent a call. */
export interface IpcSender {
  /** URL of the sending frame; null when the frame has navigated away or been destroyed. */
  frameUrl: string | null
  isMainFrame: boolean
}

/** A call is accepted only from the app's top-level page (`app://ror-hors-ligne` or dev). */
export function isTrustedSender(sender: IpcSender, devOrigin?: string): boolean {
  return sender.isMainFrame && sender.frameUrl !== null && isInternalUrl(sender.frameUrl, devOrigin)
}

export type ParsedIpcArgs<C extends IpcChannel> =
  { ok: true; args: IpcArgs<C> } | { ok: false; problems: string }

/**
 * Parses raw call arguments with the channel's schema. Problems name the argument position
 * and field, never the value (it may be a secret).
 */
export function parseIpcArgs<C extends IpcChannel>(channel: C, args: unknown[]): ParsedIpcArgs<C> {
  const result = ipcArgSchemas[channel].safeParse(args)
  if (result.success) return { ok: true, args: result.data as IpcArgs<C> }
  const problems = result.error.issues
    .map(
      (issue) =>
        `${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'} : ${issue.message}`,
    )
    .join(' ; ')
  return { ok: false, problems }
}

function describeSender(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame
  return { frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null }
}

/**
 * Checks and dispatches one call. Exported for tests; `registerIpcHandlers` is the way in.
 * Throws {@link IpcRejectedError} for an untrusted sender or invalid arguments.
 */
export async function dispatchIpcCall<C extends IpcChannel>(
  channel: C,
  sender: IpcSender,
  rawArgs: unknown[],
  handlers: IpcHandlers,
  devOrigin?: string,
): Promise<unknown> {
  if (!isTrustedSender(sender, devOrigin)) {
    console.warn(`IPC ${channel} refusé : expéditeur ${sender.frameUrl ?? '(inconnu)'}`)
    throw new IpcRejectedError(`Appel ${channel} refusé : l'expéditeur n'est pas l'application.`)
  }
  const parsed = parseIpcArgs(channel, rawArgs)
  if (!parsed.ok) {
    console.warn(`IPC ${channel} refusé : ${parsed.problems}`)
    throw new IpcRejectedError(
      `Appel ${channel} refusé : arguments invalides (${parsed.problems}).`,
    )
  }
  // TypeScript cannot correlate `handlers[channel]` with `IpcArgs<C>` for a generic C.
  const handler = handlers[channel] as (...args: IpcArgs<C>) => unknown
  return await handler(...parsed.args)
}

/** Registers one `ipcMain.handle` per contract channel; returns a function that removes them. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: IpcHandlers,
  options: { devOrigin?: string } = {},
): () => void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) =>
      dispatchIpcCall(channel, describeSender(event), args, handlers, options.devOrigin),
    )
  }
  return () => {
    for (const channel of IPC_CHANNELS) ipcMain.removeHandler(channel)
  }
}

/** Sends a typed event to a window's renderer, if it still exists. */
export function sendMainEvent(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  event: MainEvent,
): void {
  if (!contents.isDestroyed()) contents.send(MAIN_EVENT_CHANNEL, event)
}
