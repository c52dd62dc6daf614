import { Hono } from 'hono'
import { HISTORY_API } from '../../../shared/api/routes/history-routes'
import { answer } from '../answer'
import { buildReport } from '../../report/build-report'
import { ReportPictures } from '../../report/report-picture'
import { reportPictureAt } from '../../report/report-picture-at'
import type { AppDeps, AppEnv } from '../app-env'
import { MapQuery, SessionQuery } from '../../../shared/api/schemas/history'
import { validate } from '../validate'
import { historyFeatures, historyManagers, sessionParam } from './history-scope'

/**
 * `GET /api/boards/:id/report[?session=ID]` → everything the facilitator report shows (shared/report
 * ReportData): the profile with its permutation baseline, the profile over time, contributions, the
 * uptake network and pulse answers. `GET /api/boards/:id/report/picture[?session=ID&at=MS]` → the
 * map's picture for it (SVG), apart so that the figures do not wait for a drawing of thousands of
 * concepts: the map at `at` (default the report's T: now, or the session's end; capped at it),
 * outlined by the side that created each element among the scope's events. For an admin or that
 * board's facilitator.
 */
export function reportRoutes(deps: AppDeps) {
  const pictures = new ReportPictures()
  return new Hono<AppEnv>()
    .get('/:id/report', historyManagers(deps), validate('query', SessionQuery), async (c) => {
      const { board } = c.var
      const features = historyFeatures(deps)
      const session = await sessionParam(deps, board.id, c.req.valid('query').session)
      const report = await buildReport({ features, metadata: deps.store.metadata, now: deps.now }, board, session)
      c.header('cache-control', 'no-store')
      return answer(c, HISTORY_API.report, report)
    })
    .get('/:id/report/picture', historyManagers(deps), validate('query', MapQuery), async (c) => {
      const { board } = c.var
      const { history } = historyFeatures(deps)
      const query = c.req.valid('query')
      const session = await sessionParam(deps, board.id, query.session)
      const now = deps.now()
      // The report's T for the scope (build-report.ts), and no later.
      const T = session && !session.open ? Math.min(session.end, now) : now
      const at = Math.min(query.at ?? T, T)
      const svg = await reportPictureAt({ history, metadata: deps.store.metadata, pictures }, board.id, at, session?.start ?? -Infinity)
      return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store' })
    })
}
