import { createMiddleware } from 'hono/factory'
import { canManage, type Principal } from '../auth/access'
import type { BoardRecord } from '../store/metadata'
import type { AppDeps, AppEnv } from './app-env'
import { fail } from './error-handler'
import { isBoardId } from '../../shared/board-id'
import { groupOf } from '../../shared/roles'

/** Loads the board named in the path, or answers 404 (an id that is not an id is never looked up). */
export async function boardFromPath(deps: AppDeps, id: string): Promise<BoardRecord> {
  if (!isBoardId(id)) throw fail(404, 'no such board')
  const board = await deps.store.metadata.getBoard(id)
  if (!board) throw fail(404, 'no such board')
  return board
}

/** What a guarded route's handler finds in `c.var`: the board of its path, already allowed. */
export type GuardedEnv = { Variables: AppEnv['Variables'] & { board: BoardRecord } }

/**
 * The access check of a `/:id/…` route as a middleware, so it runs before the route's validator: a
 * stranger's malformed request is told 404 or 403, as it was before routes had schemas, and what a
 * schema says about a body is told only to someone allowed to send it. `check` throws the refusal.
 */
export function boardGuard(deps: AppDeps, check: (principal: Principal, board: BoardRecord) => void) {
  return createMiddleware<GuardedEnv>(async (c, next) => {
    const board = await boardFromPath(deps, c.req.param('id') ?? '')
    check(c.var.principal, board)
    c.set('board', board)
    await next()
  })
}

/** The board's managers only: the admin, or a facilitator of that board; `words` is the 403. */
export const managersOf = (deps: AppDeps, words: string, opts: { notArchived?: boolean } = {}) =>
  boardGuard(deps, (principal, board) => {
    if (!canManage(principal, board.id)) throw fail(403, words)
    if (opts.notArchived && board.archived) throw fail(403, 'board is archived')
  })

/**
 * Brand and customer participants of the board, each with their own token (the pulse, ballots):
 * what they send is attributed to the token's participant. `words` is the 403 for anyone else.
 */
export const brandOrCustomerOf = (deps: AppDeps, words: string, opts: { notArchived?: boolean } = {}) =>
  boardGuard(deps, (principal, board) => {
    if (principal.kind !== 'participant') throw fail(403, words)
    if (principal.claims.board !== board.id) throw fail(403, 'token is for another board')
    if (groupOf(principal.participant.role) === null) throw fail(403, words)
    if (opts.notArchived && board.archived) throw fail(403, 'board is archived')
  })
