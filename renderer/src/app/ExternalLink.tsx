import type { ReactNode } from 'react'

/**
 * A link to the outside world. The document-level link guard (link-guard.ts) cancels the
 * navigation and hands the URL to the platform, so the app window never leaves the app.
 */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} rel="noopener noreferrer" target="_blank">
      {children}
    </a>
  )
}
