import { Hono } from 'hono'
import { HISTORY_API } from '../../../shared/api/routes/history-routes'
import { answer } from '../answer'
import { propositions } from '../../../shared/schema/board-map'
import { MapQuery } from '../../../shared/api/schemas/history'
import { mapAt } from '../../history/map-at'
import type { AppDeps, AppEnv } from '../app-env'
import { validate } from '../validate'
import { historyManagers, sessionParam } from './history-scope'

export function mapRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/:id/map', historyManagers(deps), validate('query', MapQuery), async (c) => {
    const { board } = c.var
    const query = c.req.valid('query')
    let at = query.at
    // ?session=ID: the map as the session left it (or at `at`, if that is earlier).
    const session = await sessionParam(deps, board.id, query.session)
    if (session && !session.open) at = Math.min(at ?? session.end, session.end)
    const map = await mapAt(deps.registry, deps.history?.history, board.id, at)
    // Links whose concepts are gone are not propositions: not drawn, so not served either.
    return answer(c, HISTORY_API.map, { at: at ?? deps.now(), ...map, links: propositions(map) })
  })
}
