/**
 * The dialog shown when the app cannot go on. It answers the three questions a user has at
 * that moment, in French: what happened, what was kept, what to do now — then the technical
 * details for their IT support. The text is composed by a pure function (tested); showing it
 * takes Electron's `dialog`, passed in.
 */
import type { Dialog } from 'electron'

export type FatalErrorKind = 'startup' | 'load-failed' | 'renderer-crash' | 'unexpected'

export interface FatalErrorReport {
  kind: FatalErrorKind
  error?: unknown
  /**
   * True when the failure cannot have touched the offline data (nothing was being written).
   * Only then may the dialog say so.
   */
  isOfflineDataUntouched: boolean
  appVersion: string
  platform: string
}

/** `retry` = reload the window (renderer failures) or relaunch the app (the others). */
export type FatalErrorChoice = 'retry' | 'quit'

export interface FatalErrorMessage {
  title: string
  /** What happened. */
  message: string
  /** What was kept, what to do, then technical details. */
  detail: string
  buttons: [retry: string, quit: string]
}

const WHAT_HAPPENED: Record<FatalErrorKind, string> = {
  startup: "ROR hors ligne n'a pas pu démarrer.",
  'load-failed': "L'interface de ROR hors ligne n'a pas pu être chargée.",
  'renderer-crash': "La fenêtre de ROR hors ligne s'est fermée de façon inattendue.",
  unexpected: 'ROR hors ligne a rencontré une erreur inattendue.',
}

const WHAT_TO_DO: Record<FatalErrorKind, string> = {
  startup: 'Cliquez sur « Relancer ».',
  'load-failed': 'Cliquez sur « Recharger ». Si le problème continue, réinstallez ROR hors ligne.',
  'renderer-crash': 'Cliquez sur « Recharger » pour rouvrir la fenêtre.',
  unexpected: 'Cliquez sur « Relancer ».',
}

const MAX_ERROR_TEXT = 600

/** One line describing any thrown value, bounded so the dialog stays readable. */
export function describeError(error: unknown): string {
  let text: string
  if (error instanceof Error) text = `${error.name}: ${error.message}`
  else if (typeof error === 'string') text = error
  else if (error === undefined) text = 'aucun détail'
  else {
    try {
      text = JSON.stringify(error) ?? String(error)
    } catch {
      // Circular or otherwise unserialisable: fall back to its tag.
      text = Object.prototype.toString.call(error)
    }
  }
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > MAX_ERROR_TEXT ? `${oneLine.slice(0, MAX_ERROR_TEXT)}…` : oneLine
}

/** Composes the dialog text; see {@link FatalErrorReport}. */
export function composeFatalErrorMessage(report: FatalErrorReport): FatalErrorMessage {
  const kept = report.isOfflineDataUntouched
    ? "Vos données hors ligne n'ont pas été modifiées."
    : "Une opération en cours a pu être interrompue : l'instantané précédent reste celui utilisé " +
      'pour vos recherches, et la synchronisation pourra être relancée.'
  const isWindowProblem = report.kind === 'load-failed' || report.kind === 'renderer-crash'
  const detail = [
    kept,
    `Que faire : ${WHAT_TO_DO[report.kind]} Si le problème se reproduit, transmettez les ` +
      'détails ci-dessous à votre support informatique.',
    `Détails : ${describeError(report.error)} — ROR hors ligne ${report.appVersion} (${report.platform}).`,
  ].join('\n\n')
  return {
    title: 'ROR hors ligne — erreur',
    message: WHAT_HAPPENED[report.kind],
    detail,
    buttons: [isWindowProblem ? 'Recharger' : 'Relancer', 'Quitter'],
  }
}

/**
 * Shows the dialog and returns the user's choice. Before `app.ready` only the plain error box
 * exists, so the app then simply quits after showing it.
 */
export function showFatalError(
  dialog: Pick<Dialog, 'showMessageBoxSync' | 'showErrorBox'>,
  isAppReady: boolean,
  report: FatalErrorReport,
): FatalErrorChoice {
  const text = composeFatalErrorMessage(report)
  if (!isAppReady) {
    dialog.showErrorBox(text.title, `${text.message}\n\n${text.detail}`)
    return 'quit'
  }
  const index = dialog.showMessageBoxSync({
    type: 'error',
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: text.buttons,
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  })
  return index === 0 ? 'retry' : 'quit'
}
