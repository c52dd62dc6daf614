import { Hono } from 'hono'
import { metricsAt } from '../../history/metrics-at'
import type { AppDeps, AppEnv } from '../app-env'
import { historyFeatures, managedBoard, sessionParam } from './history-scope'
import { atParam } from './map'

/**
 * `GET /api/boards/:id/metrics[?at=MS&session=ID]` → `{at, metrics}` (metrics.md names). With a
 * session, only its events count and `at` defaults to (and is capped at) the session's end.
 */
export function metricsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/:id/metrics', async (c) => {
    const board = await managedBoard(deps, c.var.principal, c.req.param('id'))
    const { history } = historyFeatures(deps)
    const session = await sessionParam(deps, board.id, c.req.query('session'))
    let at = atParam(c.req.query('at')) ?? deps.now()
    if (session) at = Math.min(at, session.open ? deps.now() : session.end)
    const metrics = await metricsAt({ history, metadata: deps.store.metadata }, board.id, at, { from: session?.start })
    return c.json(session ? { at, session: session.id, metrics } : { at, metrics })
  })
}
