import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App } from './app/App'
import { PlatformProvider } from './platform/context'
import { detectPlatform } from './platform'
import { installLinkGuard } from './app/link-guard'
import { installBenchHook } from './engine/bench-hook'
import { engineQueries, setOpenEngine } from './engine/queries'
import { openWithPendingPurge } from './features/sync/purge'
import './styles.css'

const queryClient = new QueryClient({
  defaultOptions: {
    // Every query reads local data (the snapshot, the platform): no network is involved,
    // so queries must run even when the machine is offline.
    queries: { networkMode: 'always', retry: false, refetchOnWindowFocus: false },
    mutations: { networkMode: 'always' },
  },
})

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('Élément #root absent de index.html')

const platform = detectPlatform()
// Desktop: a profile purge a crash cut short is finished before the first search.
if (platform.desktop) setOpenEngine(openWithPendingPurge(platform.desktop))

// The engine worker starts and opens the stored snapshot while React renders the shell.
void queryClient.prefetchQuery(engineQueries.status())

installBenchHook(window)
installLinkGuard(document, platform)

createRoot(rootElement).render(
  <StrictMode>
    <PlatformProvider platform={platform}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </PlatformProvider>
  </StrictMode>,
)
