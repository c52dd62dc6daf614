import { chromium, type BrowserServer } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { BROWSER_ARGS, chromiumPath } from '../support/browser'

declare module 'vitest' {
  export interface ProvidedContext {
    /** One Chromium per worker of the e2e project (ws endpoints, indexed by VITEST_POOL_ID − 1; see harness.ts). */
    chromiumEndpoints: string[]
  }
}

/**
 * The e2e project's global setup: launches one Chromium per worker, once for the run. Each test file
 * connects to its worker's browser and opens fresh contexts in it (isolated as a browser of its own
 * would be: no cookies, storage or caches shared), instead of paying a browser launch per file,
 * ~2.5 s of wall time and ~0.7 s of CPU each on the 2-core machine under other load.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workers = Math.max(1, Number(project.vitest.config.maxWorkers) || 1)
  const servers: BrowserServer[] = await Promise.all(
    Array.from({ length: workers }, () => chromium.launchServer({ executablePath: chromiumPath(), headless: true, args: BROWSER_ARGS }))
  )
  project.provide('chromiumEndpoints', servers.map((s) => s.wsEndpoint()))
  return async () => {
    await Promise.all(servers.map((s) => s.close().catch(() => {})))
  }
}
