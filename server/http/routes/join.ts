import { Hono, type Context } from 'hono'
import { IpLimiter } from '../../auth/ip-limit'
import { originAllowed } from '../../auth/origins'
import type { AppDeps, AppEnv } from '../app-env'
import { requestToken } from '../authenticate'
import { fail } from '../error-handler'
import { readJsonObject } from '../read-json'
import { MAX_NAME_LENGTH } from './invites'
import { remoteAddress } from './remote-address'

export const JOIN_PATH = '/api/join'

// Control characters and bidirectional overrides would let a name hide or reorder what others see.
const UNSAFE_IN_NAMES = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

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

  async function groupOf(c: Context<AppEnv>, bodyToken?: unknown) {
    const token = typeof bodyToken === 'string' ? bodyToken : requestToken(c.req.header('authorization'), c.req.query('token'))
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

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const { invite, board } = await groupOf(c)
      return c.json({
        boardId: board.id,
        title: board.title,
        focusQuestion: board.focusQuestion,
        role: invite.role,
        label: invite.label ?? null,
        expiresAt: new Date(invite.expiresAt).toISOString()
      })
    })
    .post('/', async (c) => {
      if (limiter && !limiter.take(remoteAddress(c), deps.now())) {
        c.header('retry-after', String(limiter.retryAfterSeconds))
        throw fail(429, 'too many people joined from this address just now; try again in a moment')
      }
      const body = await readJsonObject(c)
      const { invite, board } = await groupOf(c, body.token)
      if (typeof body.name !== 'string') throw fail(400, 'name is required')
      const name = body.name.trim().replace(/\s+/g, ' ')
      if (name.length === 0) throw fail(400, 'name must not be empty')
      if (name.length > MAX_NAME_LENGTH) throw fail(400, `name is longer than ${MAX_NAME_LENGTH} characters`)
      if (UNSAFE_IN_NAMES.test(name)) throw fail(400, 'name holds control characters')
      const issued = await deps.access.join(invite, name)
      deps.log.info({ board: board.id, group: invite.id, participant: issued.participantId }, 'joined through a group link')
      return c.json(
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
