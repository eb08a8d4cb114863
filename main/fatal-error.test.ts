import type { Dialog, MessageBoxSyncOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { composeFatalErrorMessage, describeError, showFatalError } from './fatal-error'
import type { FatalErrorKind, FatalErrorReport } from './fatal-error'

const UNTOUCHED = "Vos données hors ligne n'ont pas été modifiées."

function report(overrides: Partial<FatalErrorReport> = {}): FatalErrorReport {
  return {
    kind: 'startup',
    error: new TypeError("Cannot read properties of undefined (reading 'x')"),
    isOfflineDataUntouched: true,
    appVersion: '0.1.0',
    platform: 'linux',
    ...overrides,
  }
}

describe('composeFatalErrorMessage', () => {
  const kinds: [FatalErrorKind, string, string][] = [
    ['startup', "ROR hors ligne n'a pas pu démarrer.", 'Relancer'],
    ['load-failed', "L'interface de ROR hors ligne n'a pas pu être chargée.", 'Recharger'],
    [
      'renderer-crash',
      "La fenêtre de ROR hors ligne s'est fermée de façon inattendue.",
      'Recharger',
    ],
    ['unexpected', 'ROR hors ligne a rencontré une erreur inattendue.', 'Relancer'],
  ]
  it.each(kinds)('%s: says what happened and offers %s', (kind, message, retry) => {
    const text = composeFatalErrorMessage(report({ kind }))
    expect(text.message).toBe(message)
    expect(text.buttons).toEqual([retry, 'Quitter'])
    expect(text.detail).toContain(`« ${retry} »`)
  })

  it('says the offline data was not modified only when that is true', () => {
    expect(composeFatalErrorMessage(report()).detail.startsWith(UNTOUCHED)).toBe(true)
    const during = composeFatalErrorMessage(report({ isOfflineDataUntouched: false }))
    expect(during.detail).not.toContain(UNTOUCHED)
    expect(during.detail).toContain("l'instantané précédent reste celui utilisé")
  })

  it('ends with what to do and the technical details for support', () => {
    const [, whatToDo, details] = composeFatalErrorMessage(report()).detail.split('\n\n')
    expect(whatToDo).toMatch(/^Que faire : .*support informatique\.$/)
    expect(details).toBe(
      "Détails : TypeError: Cannot read properties of undefined (reading 'x') — ROR hors ligne 0.1.0 (linux).",
    )
  })
})

describe('describeError', () => {
  it('describes errors, strings, objects and nothing', () => {
    expect(describeError(new RangeError('trop grand'))).toBe('RangeError: trop grand')
    expect(describeError('disque plein')).toBe('disque plein')
    expect(describeError({ code: 'EACCES' })).toBe('{"code":"EACCES"}')
    expect(describeError(undefined)).toBe('aucun détail')
  })

  it('survives circular values and keeps one bounded line', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expect(describeError(circular)).toBe('[object Object]')
    const long = describeError(new Error(`ligne 1\nligne 2 ${'x'.repeat(2000)}`))
    expect(long).not.toContain('\n')
    expect(long.length).toBe(601)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('showFatalError', () => {
  function fakeDialog(answer: number) {
    const shown: { box?: MessageBoxSyncOptions; errorBox?: [string, string] } = {}
    const dialog = {
      showMessageBoxSync: (options: MessageBoxSyncOptions) => {
        shown.box = options
        return answer
      },
      showErrorBox: (title: string, content: string) => {
        shown.errorBox = [title, content]
      },
    }
    return {
      dialog: dialog as unknown as Pick<Dialog, 'showMessageBoxSync' | 'showErrorBox'>,
      shown,
    }
  }

  it('maps the first button to retry and the second to quit', () => {
    const retry = fakeDialog(0)
    expect(showFatalError(retry.dialog, true, report({ kind: 'renderer-crash' }))).toBe('retry')
    expect(retry.shown.box?.buttons).toEqual(['Recharger', 'Quitter'])
    expect(retry.shown.box?.cancelId).toBe(1)
    expect(showFatalError(fakeDialog(1).dialog, true, report())).toBe('quit')
  })

  it('falls back to the plain error box before the app is ready, then quits', () => {
    const early = fakeDialog(0)
    expect(showFatalError(early.dialog, false, report())).toBe('quit')
    expect(early.shown.box).toBeUndefined()
    expect(early.shown.errorBox?.[1]).toContain(UNTOUCHED)
  })
})
