import { Hono } from 'hono'
import { propositions } from '../../../shared/schema/board-map'
import { canManage } from '../../auth/access'
import { mapAt } from '../../history/map-at'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { boardFromPath } from './boards'
import { sessionParam } from './history-scope'

/** Parses `at` (epoch ms); absent means now. */
export function atParam(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined
  const at = Number(raw)
  if (!Number.isSafeInteger(at) || at < 0) throw fail(400, 'at must be epoch milliseconds')
  return at
}

export function mapRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/:id/map', async (c) => {
    const board = await boardFromPath(deps, c.req.param('id'))
    if (!canManage(c.var.principal, board.id)) throw fail(403, 'only an admin or a facilitator of this board reads its history')
    let at = atParam(c.req.query('at'))
    // ?session=ID: the map as the session left it (or at `at`, if that is earlier).
    const session = await sessionParam(deps, board.id, c.req.query('session'))
    if (session && !session.open) at = Math.min(at ?? session.end, session.end)
    const map = await mapAt(deps.registry, deps.history?.history, board.id, at)
    // Links whose concepts are gone are not propositions: not drawn, so not served either.
    return c.json({ at: at ?? deps.now(), ...map, links: propositions(map) })
  })
}
