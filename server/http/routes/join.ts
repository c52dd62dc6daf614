import { Hono, type Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { BOARD_API } from '../../../shared/api/routes/board-routes'
import { GroupLinkQuery, JoinBody, JoinName } from '../../../shared/api/schemas/join'
import { IpLimiter } from '../../auth/ip-limit'
import { originAllowed } from '../../auth/origins'
import type { AppDeps, AppEnv } from '../app-env'
import { requestToken } from '../authenticate'
import { fail } from '../error-handler'
import { answer } from '../answer'
import { parseOr400, validate } from '../validate'
import { remoteAddress } from './remote-address'

export const JOIN_PATH = '/api/join'

/**
 * Group links. The link's token cannot sync or call the API; it is exchanged here, together with the
 * name the person typed, for a personal token, so every edit is attributed to a person.
 *
 *   GET  /api/join   (group token as Bearer or ?token=) → {boardId, title, focusQuestion, role, label, expiresAt}
 *   POST /api/join   {token?, name} (token in the body, as Bearer, or ?token=) → 201
 *        {token, url, boardId, role, name, participantId, inviteId, expiresAt}
 *
 * Mounted outside the API's token check (the group token is not a principal). Joins are rate limited
 * per address; a browser Origin must be ours or on the board's allow-list (embeds join too).
 */
export function joinRoutes(deps: AppDeps) {
  const limiter = deps.joinLimit ? new IpLimiter(deps.joinLimit) : null

  /** `queryToken`: `?token=`, as GroupLinkQuery read it; a token in the body comes first. */
  async function groupOf(c: Context<AppEnv>, queryToken: string | undefined, bodyToken?: string) {
    const token = bodyToken ?? requestToken(c.req.header('authorization'), queryToken)
    const found = await deps.access.authenticateGroup(token)
    if (!found) throw fail(401, 'missing, invalid, expired or revoked group link')
    const board = await deps.store.metadata.getBoard(found.invite.boardId)
    if (!board) throw fail(404, 'no such board')
    if (board.archived) throw fail(403, 'board is archived')
    if (!originAllowed(c.req.header('origin'), board.allowedOrigins, c.req.header('host'), deps.publicUrl())) {
      throw fail(403, 'origin not allowed')
    }
    return { ...found, board }
  }

  /** Before the body is read: joins per address. */
  const joinLimit = createMiddleware<AppEnv>(async (c, next) => {
    if (limiter && !limiter.take(remoteAddress(c), deps.now())) {
      c.header('retry-after', String(limiter.retryAfterSeconds))
      throw fail(429, 'too many people joined from this address just now; try again in a moment')
    }
    await next()
  })

  return new Hono<AppEnv>()
    .get('/', validate('query', GroupLinkQuery), async (c) => {
      const { invite, board } = await groupOf(c, c.req.valid('query').token)
      return answer(c, BOARD_API.groupInfo, {
        boardId: board.id,
        title: board.title,
        focusQuestion: board.focusQuestion,
        role: invite.role,
        label: invite.label ?? null,
        expiresAt: new Date(invite.expiresAt).toISOString()
      })
    })
    .post('/', joinLimit, validate('query', GroupLinkQuery), validate('json', JoinBody), async (c) => {
      const body = c.req.valid('json')
      const { invite, board } = await groupOf(c, c.req.valid('query').token, body.token)
      const name = parseOr400(JoinName, body.name)
      const issued = await deps.access.join(invite, name)
      deps.log.info({ board: board.id, group: invite.id, participant: issued.participantId }, 'joined through a group link')
      return answer(
        c,
        BOARD_API.join,
        {
          token: issued.token,
          url: `${deps.publicUrl()}/b/${board.id}?token=${encodeURIComponent(issued.token)}`,
          boardId: board.id,
          role: issued.role,
          name,
          participantId: issued.participantId,
          inviteId: issued.inviteId,
          expiresAt: new Date(issued.expiresAt).toISOString()
        },
        201
      )
    })
}
