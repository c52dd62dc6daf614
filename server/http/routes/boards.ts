import { Hono } from 'hono'
import { BOARD_API } from '../../../shared/api/routes/board-routes'
import { answer } from '../answer'
import { createMiddleware } from 'hono/factory'
import type { BoardView } from '../../../shared/api/boards'
import { CreateBoardBody } from '../../../shared/api/schemas/boards'
import { CONTENT_LIMITS } from '../../../shared/schema/element-fields'
import { canManage } from '../../auth/access'
import { createBoard } from '../../boards/create-board'
import type { BoardRecord } from '../../store/metadata'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { validate } from '../validate'

export const MAX_TITLE_LENGTH = CONTENT_LIMITS.maxTitleLength
export const MAX_FOCUS_QUESTION_LENGTH = CONTENT_LIMITS.maxFocusQuestionLength

export function boardView(board: BoardRecord, publicUrl: string): BoardView & BoardRecord {
  return { ...board, url: `${publicUrl}/b/${board.id}` }
}

import { boardFromPath } from '../board-guard'

export { boardFromPath }

/** Before the body is read: only the service owner creates boards. */
const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.principal.kind !== 'admin') throw fail(403, 'only the service owner creates boards')
  await next()
})

export function boardRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/', adminOnly, validate('json', CreateBoardBody), async (c) => {
      const { title, focusQuestion } = c.req.valid('json')
      const board = await createBoard(deps.store, { title, focusQuestion }, deps.now())
      deps.log.info({ board: board.id }, 'board created')
      return answer(c, BOARD_API.createBoard, boardView(board, deps.publicUrl()), 201)
    })
    .get('/', async (c) => {
      const p = c.var.principal
      if (p.kind !== 'admin') {
        // A facilitator's console lists the one board their token is for.
        if (!canManage(p, p.claims.board)) throw fail(403, 'only the service owner and facilitators list boards')
        const own = await deps.store.metadata.getBoard(p.claims.board)
        return answer(c, BOARD_API.listBoards, { boards: own ? [boardView(own, deps.publicUrl())] : [] })
      }
      const boards = await deps.store.metadata.listBoards()
      return answer(c, BOARD_API.listBoards, { boards: boards.sort((a, b) => a.createdAt - b.createdAt).map((b) => boardView(b, deps.publicUrl())) })
    })
    .get('/:id', async (c) => {
      const board = await boardFromPath(deps, c.req.param('id'))
      const p = c.var.principal
      if (p.kind !== 'admin' && p.claims.board !== board.id) throw fail(403, 'token is for another board')
      if (!canManage(p, board.id)) {
        return answer(c, BOARD_API.board, { id: board.id, title: board.title, focusQuestion: board.focusQuestion, locked: board.locked })
      }
      return answer(c, BOARD_API.board, boardView(board, deps.publicUrl()))
    })
}
