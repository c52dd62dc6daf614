import { Hono } from 'hono'
import { HISTORY_API } from '../../../shared/api/routes/history-routes'
import { answer } from '../answer'
import { SessionConflictError } from '../../sessions/session-service'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { validate } from '../validate'
import { StartSessionBody } from '../../../shared/api/schemas/history'
import { historyFeatures, historyManagers, managedBoard } from './history-scope'

/**
 * Sessions: `GET /api/boards/:id/sessions`; `POST …/sessions/start` `{name?}` → 201 the session;
 * `POST …/sessions/end` → the ended session (its session-end snapshot is taken before answering).
 */
export function sessionRoutes(deps: AppDeps) {
  const conflict = (e: unknown) => {
    if (e instanceof SessionConflictError) throw fail(409, e.message)
    throw e
  }
  return new Hono<AppEnv>()
    .get('/:id/sessions', async (c) => {
      const board = await managedBoard(deps, c.var.principal, c.req.param('id'))
      const { sessions } = historyFeatures(deps)
      return answer(c, HISTORY_API.sessions, { sessions: await sessions.list(board.id), gapMinutes: sessions.gapMs / 60_000 })
    })
    .post('/:id/sessions/start', historyManagers(deps), validate('json', StartSessionBody), async (c) => {
      const { name } = c.req.valid('json')
      const session = await historyFeatures(deps).sessions.start(c.var.board.id, name).catch(conflict)
      return answer(c, HISTORY_API.startSession, session, 201)
    })
    .post('/:id/sessions/end', async (c) => {
      const board = await managedBoard(deps, c.var.principal, c.req.param('id'))
      const { sessions, snapshots } = historyFeatures(deps)
      const session = await sessions.end(board.id).catch(conflict)
      await snapshots.catchUpSessionEnds(board.id)
      return answer(c, HISTORY_API.endSession, session)
    })
}
