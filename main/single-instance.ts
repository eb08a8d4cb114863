/**
 * One running copy of the app. Two copies would share one IndexedDB and could run two syncs
 * into the same snapshot slots; the second launch instead brings the first window forward.
 */
import type { App, BrowserWindow } from 'electron'

type FocusableWindow = Pick<
  BrowserWindow,
  'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'
>

/** Restores, shows and focuses a window that still exists. */
export function bringToFront(window: FocusableWindow | null): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

/**
 * Takes the single-instance lock. Returns false when another copy already holds it: the
 * caller must then quit at once (that copy has been told through `second-instance`).
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on'>,
  getWindow: () => FocusableWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) return false
  app.on('second-instance', () => bringToFront(getWindow()))
  return true
}
