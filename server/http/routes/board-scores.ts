import { Hono } from 'hono'
import { HISTORY_API } from '../../../shared/api/routes/history-routes'
import { answer } from '../answer'
import { boardScoring } from '../../history/board-scoring'
import type { AppDeps, AppEnv } from '../app-env'
import { MetricsQuery } from '../../../shared/api/schemas/history'
import { validate } from '../validate'
import { historyFeatures, historyManagers, sessionParam } from './history-scope'

/**
 * A board's social scores (the contract calls them metrics; the service's Prometheus metrics are
 * routes/prometheus.ts). `GET /api/boards/:id/metrics[?at=MS&session=ID&baseline=1]` → `{at, metrics}` (metrics.md names).
 * With a session, only its events and pulse answers count and `at` defaults to (and is capped at)
 * the session's end. `baseline=1` adds `baseline`: the permutation percentiles of bridging and
 * uptake. It is opt-in because its 1,000 shuffles cost more than the profile itself, which a
 * board's running profile answers without a replay (see board-scoring.ts).
 */
export function boardScoreRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/:id/metrics', historyManagers(deps), validate('query', MetricsQuery), async (c) => {
    const { board } = c.var
    const { history } = historyFeatures(deps)
    const query = c.req.valid('query')
    const session = await sessionParam(deps, board.id, query.session)
    const withBaseline = query.baseline
    let at = query.at ?? deps.now()
    if (session) at = Math.min(at, session.open ? deps.now() : session.end)
    const scoring = await boardScoring(
      { history, metadata: deps.store.metadata },
      board.id,
      at,
      { from: session?.start, session: session?.id },
      { full: withBaseline }
    )
    const metrics = scoring.profile
    return answer(c, HISTORY_API.metrics, {
      at,
      ...(session ? { session: session.id } : {}),
      metrics,
      ...(withBaseline ? { baseline: scoring.baseline() } : {})
    })
  })
}
