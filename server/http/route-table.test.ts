import { describe, expect, it } from 'vitest'
import type { AnyRoute } from '../../shared/api/route'
import { BOARD_API } from '../../shared/api/routes/board-routes'
import { COMPARE_API } from '../../shared/api/routes/compare-routes'
import { EMBED_API } from '../../shared/api/routes/embed-routes'
import { EXCHANGE_API } from '../../shared/api/routes/exchange-routes'
import { HISTORY_API } from '../../shared/api/routes/history-routes'
import { LIVE_API } from '../../shared/api/routes/live-routes'
import { SERVICE_API } from '../../shared/api/routes/service-routes'
import { createLogger } from '../log'
import { createApp } from './app'
import type { AppDeps } from './app-env'

/** Every table of shared/api/routes: those the browser's ApiClient calls through, and the service's own. */
const TABLES: Record<string, Record<string, AnyRoute>> = { BOARD_API, HISTORY_API, LIVE_API, EXCHANGE_API, COMPARE_API, EMBED_API, SERVICE_API }

describe('the shared route table', () => {
  // Built for its route list only: nothing here is called.
  const app = createApp({ log: createLogger('silent'), publicUrl: () => 'https://cg.example', now: Date.now, clientDir: '.' } as unknown as AppDeps)
  const served = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))

  for (const [table, routes] of Object.entries(TABLES)) {
    for (const [name, route] of Object.entries(routes)) {
      it(`${table}.${name}: the server serves ${route.method} ${route.path}`, () => {
        expect(served.has(`${route.method} ${route.path}`)).toBe(true)
      })
    }
  }

  it('names each method and path once', () => {
    const all = Object.values(TABLES).flatMap((t) => Object.values(t).map((r) => `${r.method} ${r.path}`))
    expect(new Set(all).size).toBe(all.length)
  })
})
