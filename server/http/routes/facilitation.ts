import { Hono } from 'hono'
import { LIVE_API } from '../../../shared/api/routes/live-routes'
import { answer } from '../answer'
import { BringEveryoneBody, TimerBody } from '../../../shared/api/schemas/live'
import { ADMIN_PARTICIPANT_ID } from '../../auth/access'
import type { AppDeps, AppEnv } from '../app-env'
import { managersOf } from '../board-guard'
import { validate } from '../validate'

/**
 * What a facilitator does for everyone on the board at once, from the board itself (admin or that
 * board's facilitator; docs/api.md "Board events"):
 * `PUT /api/boards/:id/timer {seconds}` starts a countdown everyone sees, `DELETE …/timer` stops it;
 * `POST …/bring-everyone {view: {x, y, w, h}}` moves every open board's view to that part of the map.
 * Both reach the boards over message 101, which only the server sends: a participant cannot fake them.
 */
export function facilitationRoutes(deps: AppDeps) {
  const managers = managersOf(deps, 'only an admin or a facilitator of this board does this')
  return new Hono<AppEnv>()
    .put('/:id/timer', managers, validate('json', TimerBody), async (c) => {
      const { board } = c.var
      const { seconds } = c.req.valid('json')
      const startedAt = deps.now()
      const timer = { startedAt, endsAt: startedAt + seconds * 1000 }
      await deps.store.metadata.updateBoard(board.id, { timer })
      deps.registry.events.stateChanged(board.id)
      return answer(c, LIVE_API.startTimer, { timer })
    })
    .delete('/:id/timer', managers, async (c) => {
      const { board } = c.var
      await deps.store.metadata.updateBoard(board.id, { timer: null })
      deps.registry.events.stateChanged(board.id)
      return answer(c, LIVE_API.stopTimer, { timer: null })
    })
    .post('/:id/bring-everyone', managers, validate('json', BringEveryoneBody), async (c) => {
      const { board, principal } = c.var
      const { view } = c.req.valid('json')
      const by = principal.kind === 'admin' ? { id: ADMIN_PARTICIPANT_ID, name: null } : { id: principal.participant.id, name: principal.participant.name }
      const told = deps.registry.events.bringEveryone(board.id, { by, view })
      return answer(c, LIVE_API.bringEveryone, { told })
    })
}
