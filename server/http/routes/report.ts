import { Hono } from 'hono'
import { buildReport } from '../../report/build-report'
import { ReportPictures } from '../../report/report-picture'
import type { AppDeps, AppEnv } from '../app-env'
import { SessionQuery } from '../../../shared/api/schemas/history'
import { validate } from '../validate'
import { historyFeatures, historyManagers, sessionParam } from './history-scope'

/**
 * `GET /api/boards/:id/report[?session=ID]` → everything the facilitator report shows (shared/report
 * ReportData): the profile with its permutation baseline, the profile over time, contributions, the
 * uptake network and pulse answers. For an admin or that board's facilitator.
 */
export function reportRoutes(deps: AppDeps) {
  const pictures = new ReportPictures()
  return new Hono<AppEnv>().get('/:id/report', historyManagers(deps), validate('query', SessionQuery), async (c) => {
    const { board } = c.var
    const features = historyFeatures(deps)
    const session = await sessionParam(deps, board.id, c.req.valid('query').session)
    const report = await buildReport({ features, metadata: deps.store.metadata, now: deps.now, pictures }, board, session)
    c.header('cache-control', 'no-store')
    return c.json(report)
  })
}
