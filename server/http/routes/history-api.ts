import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'
import { historyRoutes } from './history'
import { boardScoreRoutes } from './board-scores'
import { pulseRoutes } from './pulse'
import { sessionRoutes } from './sessions'
import { snapshotRoutes } from './snapshots'

/** Everything facilitators read about how a board was built: history, sessions, snapshots, metrics, the pulse survey. */
export function historyApiRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route('/', historyRoutes(deps))
    .route('/', sessionRoutes(deps))
    .route('/', snapshotRoutes(deps))
    .route('/', boardScoreRoutes(deps))
    .route('/', pulseRoutes(deps))
}
