import type { App } from 'electron'
import { describe, expect, it } from 'vitest'
import { bringToFront, claimSingleInstance } from './single-instance'

function fakeWindow(state: { isMinimized: boolean; isDestroyed?: boolean }) {
  const calls: string[] = []
  return {
    calls,
    isDestroyed: () => state.isDestroyed ?? false,
    isMinimized: () => state.isMinimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  }
}

function fakeApp(hasLock: boolean) {
  const listeners = new Map<string, () => void>()
  const app = {
    requestSingleInstanceLock: () => hasLock,
    on: (event: string, listener: () => void) => listeners.set(event, listener),
  }
  return { app: app as unknown as Pick<App, 'requestSingleInstanceLock' | 'on'>, listeners }
}

describe('claimSingleInstance', () => {
  it('tells the second copy to quit and does not listen', () => {
    const { app, listeners } = fakeApp(false)
    expect(claimSingleInstance(app, () => null)).toBe(false)
    expect(listeners.size).toBe(0)
  })

  it('brings the existing window forward when a second copy starts', () => {
    const { app, listeners } = fakeApp(true)
    const window = fakeWindow({ isMinimized: true })
    expect(claimSingleInstance(app, () => window)).toBe(true)
    listeners.get('second-instance')?.()
    expect(window.calls).toEqual(['restore', 'show', 'focus'])
  })
})

describe('bringToFront', () => {
  it('does not restore a visible window, ignores a destroyed or missing one', () => {
    const visible = fakeWindow({ isMinimized: false })
    bringToFront(visible)
    expect(visible.calls).toEqual(['show', 'focus'])
    const destroyed = fakeWindow({ isMinimized: true, isDestroyed: true })
    bringToFront(destroyed)
    expect(destroyed.calls).toEqual([])
    expect(() => bringToFront(null)).not.toThrow()
  })
})
