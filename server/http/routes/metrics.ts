import { Hono } from 'hono'
import { boardScoring } from '../../history/board-scoring'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { historyFeatures, managedBoard, sessionParam } from './history-scope'
import { atParam } from './map'

/**
 * `GET /api/boards/:id/metrics[?at=MS&session=ID&baseline=1]` → `{at, metrics}` (metrics.md names).
 * With a session, only its events and pulse answers count and `at` defaults to (and is capped at)
 * the session's end. `baseline=1` adds `baseline`: the permutation percentiles of bridging and
 * uptake. It is opt-in because its 1,000 shuffles cost more than the profile itself, which a
 * board's running profile answers without a replay (see board-scoring.ts).
 */
export function metricsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/:id/metrics', async (c) => {
    const board = await managedBoard(deps, c.var.principal, c.req.param('id'))
    const { history } = historyFeatures(deps)
    const session = await sessionParam(deps, board.id, c.req.query('session'))
    const withBaseline = flagParam(c.req.query('baseline'), 'baseline')
    let at = atParam(c.req.query('at')) ?? deps.now()
    if (session) at = Math.min(at, session.open ? deps.now() : session.end)
    const scoring = await boardScoring(
      { history, metadata: deps.store.metadata },
      board.id,
      at,
      { from: session?.start, session: session?.id },
      { full: withBaseline }
    )
    const metrics = scoring.profile
    const body: Record<string, unknown> = session ? { at, session: session.id, metrics } : { at, metrics }
    if (withBaseline) body.baseline = scoring.baseline()
    return c.json(body)
  })
}

/** `1`/`true` or `0`/`false` (absent: false). */
function flagParam(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false
  if (raw === '1' || raw === 'true') return true
  throw fail(400, `${name} must be 1 or 0`)
}
