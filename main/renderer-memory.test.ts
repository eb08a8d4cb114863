import { describe, expect, it } from 'vitest'
import { applyRendererJsFlags, RENDERER_JS_FLAGS, type CommandLine } from './renderer-memory'

function commandLine(initial: Record<string, string> = {}) {
  const switches = new Map(Object.entries(initial))
  const line: CommandLine = {
    appendSwitch: (name, value = '') => void switches.set(name, value),
    getSwitchValue: (name) => switches.get(name) ?? '',
  }
  return { line, switches }
}

describe('renderer V8 flags', () => {
  it('sets a smaller heap growth step for the renderer', () => {
    const { line, switches } = commandLine()
    applyRendererJsFlags(line)
    expect(switches.get('js-flags')).toBe('--heap-growing-percent=25')
  })

  it('keeps the flags a developer gave on the command line', () => {
    const { line, switches } = commandLine({ 'js-flags': '--expose-gc ' })
    applyRendererJsFlags(line)
    expect(switches.get('js-flags')).toBe(`--expose-gc ${RENDERER_JS_FLAGS}`)
  })
})
