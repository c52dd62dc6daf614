import { Hono } from 'hono'
import { BOARD_API } from '../../../shared/api/routes/board-routes'
import { answer } from '../answer'
import type { AppDeps, AppEnv } from '../app-env'

/** GET /api/me: who a token belongs to, so the console knows what to show. */
export function meRoutes(_deps: AppDeps) {
  return new Hono<AppEnv>().get('/', (c) => {
    const p = c.var.principal
    if (p.kind === 'admin') return answer(c, BOARD_API.me, { kind: 'admin' })
    return answer(c, BOARD_API.me, {
      kind: 'participant',
      boardId: p.claims.board,
      role: p.claims.role,
      participantId: p.participant.id,
      name: p.participant.name,
      expiresAt: new Date(p.claims.exp * 1000).toISOString()
    })
  })
}
