import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// One project per kind of test, so each runs alone (`npm run test:unit`, `vitest run --project e2e`):
//   unit         pure modules and in-process parts (no server, no browser, no database)
//   integration  a real server on port 0, real sockets and files, the stores against PostgreSQL
//   e2e          Chromium driving the built client against a real server
//   scale        several server processes behind PostgreSQL and Redis
//   campaigns    quick forms of the crash, fuzz, load, shutdown and storage-fault campaigns (npm run campaign)
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // No assertion-free test: one that checks nothing fails (as expect.hasAssertions() in each test).
    expect: { requireAssertions: true },
    pool: 'forks',
    // Vitest's default is cores − 1 workers: one on a 2-core machine, which runs the suite one file at
    // a time. Two at once, measured on fresh clones with nothing else running: 654 s of vitest against
    // 757 s one at a time (150 files). Every test isolates itself (port 0, fresh data directories, its
    // own PostgreSQL schema, a private Redis where it stops one).
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker's files share its process and module cache (no fresh fork and import per file): with a
    // fresh module graph per file, importing the server, Yjs, Playwright and axe again took more time
    // than most files' tests (e2e A/B in docs/benchmarks.md). Safe here because no test mocks modules,
    // stubs globals or fakes timers, and each file starts its own servers and stores.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/fuzz/**/*.test.ts', 'server/**/*.test.ts', 'shared/**/*.test.ts', 'client/**/*.test.ts']
        }
      },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/store/**/*.test.ts'] } },
      // A browser test drives several pages through whole workshops; with two files at once on a busy
      // machine the longest took 30–40 s, so their limit is twice the others' (a hang still fails).
      // One Chromium per worker for the whole run (browser-servers.ts); each file connects to its
      // worker's and opens fresh contexts, so no state carries over from file to file.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, globalSetup: ['test/e2e/browser-servers.ts'] } },
      // Few files, each minutes of processes and time-bound counts (frames sent, floods cut in a window):
      // a fresh process each, as before, costs little here and keeps a file's leftovers off the next.
      { extends: true, test: { name: 'scale', include: ['test/scale/**/*.test.ts'], isolate: true } },
      { extends: true, test: { name: 'campaigns', include: ['test/campaigns/**/*.test.ts'], isolate: true } }
    ]
  }
})
