import type { MiddlewareHandler } from 'hono'
import { isBoardId } from '../../../shared/board-id'
import { isOwnOrigin } from '../../auth/origins'
import type { AppDeps, AppEnv } from '../app-env'
import { JOIN_PATH } from './join'

const BOARD_API = /^\/api\/boards\/([^/]+)(?:\/|$)/
const ALLOW_METHODS = 'GET, POST'
const ALLOW_HEADERS = 'authorization, content-type'

/**
 * Cross-origin requests, for partner pages that embed a board with /embed.js. The script and its
 * assets are open to any page (public code, the same our own pages load), so that a page a board
 * does not allow gets a board that says so rather than an empty box. What holds data is open only
 * to origins on a board's allow-list: `/api/join` (to any board's), `/api/boards/:id/...` (to that
 * board's). Responses name the one origin (never `*`) and no credentials are involved: tokens
 * travel as Bearer headers. Any other browser origin gets a bare 403 from the API: nothing to read,
 * nothing done. Requests without an Origin, or from our own origin, pass untouched.
 */
export function crossOrigin(deps: AppDeps): MiddlewareHandler<AppEnv> {
  async function anyBoardAllows(origin: string): Promise<boolean> {
    const boards = await deps.store.metadata.listBoards()
    return boards.some((b) => !b.archived && b.allowedOrigins.includes(origin))
  }

  async function allowed(path: string, origin: string): Promise<boolean> {
    if (path === '/embed.js' || path.startsWith('/assets/')) return true
    if (path === JOIN_PATH) return anyBoardAllows(origin)
    const m = BOARD_API.exec(path)
    if (!m) return false
    let id: string
    try {
      id = decodeURIComponent(m[1]!)
    } catch {
      return false
    }
    if (!isBoardId(id)) return false
    const board = await deps.store.metadata.getBoard(id)
    return !!board && !board.archived && board.allowedOrigins.includes(origin)
  }

  const guarded = (path: string) => path === '/embed.js' || path.startsWith('/assets/') || path.startsWith('/api/')

  return async function cors(c, next) {
    const origin = c.req.header('origin')
    const path = c.req.path
    if (!origin || !guarded(path) || isOwnOrigin(origin, c.req.header('host'), deps.publicUrl())) return next()
    if (!(await allowed(path, origin))) {
      return new Response(null, { status: 403, headers: { vary: 'Origin' } })
    }
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': ALLOW_METHODS,
          'access-control-allow-headers': ALLOW_HEADERS,
          'access-control-max-age': '600',
          vary: 'Origin'
        }
      })
    }
    await next()
    c.res.headers.set('access-control-allow-origin', origin)
    c.res.headers.append('vary', 'Origin')
  }
}
