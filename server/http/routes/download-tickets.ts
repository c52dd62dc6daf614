import type { Context } from 'hono'
import { LIVE_API } from '../../../shared/api/routes/live-routes'
import { answer } from '../answer'
import { Hono } from 'hono'
import { ExportTicketBody } from '../../../shared/api/schemas/live'
import { isBoardId } from '../../../shared/board-id'
import type { Principal } from '../../auth/access'
import type { TicketUse } from '../../auth/download-tickets'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { boardGuard } from '../board-guard'
import { validate } from '../validate'
import { managedBoard } from './history-scope'

/** The GETs a ticket can be spent on: a board's export and its live stream. */
const TICKETED = /^\/api\/boards\/([^/]+)\/(export|live)$/

/**
 * `POST /api/boards/:id/export-tickets` `{format}` and `POST /api/boards/:id/live-tickets` →
 * 201 `{ticket, expiresAt}`: a one-minute, single-use ticket for `GET …/export?format=F&ticket=T`
 * or `GET …/live?ticket=T`, so our pages never put a token in a URL (see DownloadTickets). Asking
 * takes the rights of what the ticket opens: anyone of the board for an export (history exports are
 * checked when the ticket is spent, as for a token), an admin or facilitator for the live stream.
 * `?token=` keeps working for API clients, as the contract says.
 */
export function downloadTicketRoutes(deps: AppDeps) {
  const ofTheBoard = boardGuard(deps, (principal, board) => {
    if (principal.kind !== 'admin' && principal.claims.board !== board.id) throw fail(403, 'token is for another board')
  })
  return new Hono<AppEnv>()
    .post('/:id/export-tickets', ofTheBoard, validate('json', ExportTicketBody), async (c) => {
      const { board, principal } = c.var
      const { format } = c.req.valid('json')
      return answer(c, LIVE_API.exportTicket, deps.tickets.issue(principal, board.id, `export:${format}`), 201)
    })
    .post('/:id/live-tickets', async (c) => {
      const board = await managedBoard(deps, c.var.principal, c.req.param('id'))
      return answer(c, LIVE_API.liveTicket, deps.tickets.issue(c.var.principal, board.id, 'live'), 201)
    })
}

/**
 * The principal of a request that carries `?ticket=` and no token, spending the ticket; null when
 * the request is not one a ticket opens or the ticket is no good (the caller answers 401).
 */
export async function ticketPrincipal(deps: Pick<AppDeps, 'tickets' | 'access'>, c: Context<AppEnv>): Promise<Principal | null> {
  const ticket = c.req.query('ticket')
  const m = c.req.method === 'GET' ? TICKETED.exec(c.req.path) : null
  if (!ticket || !m) return null
  let boardId: string
  try {
    boardId = decodeURIComponent(m[1]!)
  } catch {
    return null
  }
  if (!isBoardId(boardId)) return null
  const use: TicketUse = m[2] === 'live' ? 'live' : `export:${c.req.query('format') ?? ''}`
  const holder = deps.tickets.redeem(ticket, boardId, use)
  if (!holder) return null
  return 'admin' in holder ? { kind: 'admin' } : deps.access.participantPrincipal(holder.claims)
}
