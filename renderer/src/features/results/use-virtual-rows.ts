import { useEffect, useState, type RefObject } from 'react'

/**
 * Which rows of a fixed-height list are visible in its scroll container (plus an overscan),
 * so a list of 400,000 results only ever renders a few dozen rows.
 */
export function useVirtualRows(
  container: RefObject<HTMLElement | null>,
  rowHeight: number,
  count: number,
  overscan = 6,
): { start: number; end: number } {
  const [view, setView] = useState({ top: 0, height: 600 })
  useEffect(() => {
    const element = container.current
    if (!element) return
    const update = () => setView({ top: element.scrollTop, height: element.clientHeight })
    update()
    element.addEventListener('scroll', update, { passive: true })
    const resize = new ResizeObserver(update)
    resize.observe(element)
    return () => {
      element.removeEventListener('scroll', update)
      resize.disconnect()
    }
  }, [container])
  const start = Math.max(0, Math.floor(view.top / rowHeight) - overscan)
  const end = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan)
  return { start, end: Math.max(start, end) }
}
