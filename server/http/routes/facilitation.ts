import { Hono } from 'hono'
import { isMapView, TIMER_LIMITS } from '../../../shared/sync/board-events'
import { ADMIN_PARTICIPANT_ID, canManage, type Principal } from '../../auth/access'
import type { BoardRecord } from '../../store/metadata'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { readJsonObject } from '../read-json'
import { boardFromPath } from './boards'

/**
 * What a facilitator does for everyone on the board at once, from the board itself (admin or that
 * board's facilitator; docs/api.md "Board events"):
 * `PUT /api/boards/:id/timer {seconds}` starts a countdown everyone sees, `DELETE …/timer` stops it;
 * `POST …/bring-everyone {view: {x, y, w, h}}` moves every open board's view to that part of the map.
 * Both reach the boards over message 101, which only the server sends: a participant cannot fake them.
 */
export function facilitationRoutes(deps: AppDeps) {
  const facilitated = async (principal: Principal, id: string): Promise<BoardRecord> => {
    const board = await boardFromPath(deps, id)
    if (!canManage(principal, board.id)) throw fail(403, 'only an admin or a facilitator of this board does this')
    return board
  }
  return new Hono<AppEnv>()
    .put('/:id/timer', async (c) => {
      const board = await facilitated(c.var.principal, c.req.param('id'))
      const { seconds } = await readJsonObject(c)
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < TIMER_LIMITS.minSeconds || seconds > TIMER_LIMITS.maxSeconds) {
        throw fail(400, `seconds must be a whole number from ${TIMER_LIMITS.minSeconds} to ${TIMER_LIMITS.maxSeconds}`)
      }
      const startedAt = deps.now()
      const timer = { startedAt, endsAt: startedAt + seconds * 1000 }
      await deps.store.metadata.updateBoard(board.id, { timer })
      deps.registry.events.stateChanged(board.id)
      return c.json({ timer })
    })
    .delete('/:id/timer', async (c) => {
      const board = await facilitated(c.var.principal, c.req.param('id'))
      await deps.store.metadata.updateBoard(board.id, { timer: null })
      deps.registry.events.stateChanged(board.id)
      return c.json({ timer: null })
    })
    .post('/:id/bring-everyone', async (c) => {
      const principal = c.var.principal
      const board = await facilitated(principal, c.req.param('id'))
      const { view } = await readJsonObject(c)
      if (!isMapView(view)) throw fail(400, 'view must be {x, y, w, h}: finite numbers on the map, w and h above 0')
      const by = principal.kind === 'admin' ? { id: ADMIN_PARTICIPANT_ID, name: null } : { id: principal.participant.id, name: principal.participant.name }
      const told = deps.registry.events.bringEveryone(board.id, { by, view: { x: view.x, y: view.y, w: view.w, h: view.h } })
      return c.json({ told })
    })
}
