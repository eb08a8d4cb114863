import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{core,main,preload,renderer,cli,tools,tests}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules', 'out', 'dist', 'tests/e2e/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
