import type { IssuedInvite } from '../../../shared/api/access'
import { BOARD_API } from '../../../shared/api/routes/board-routes'
import { answer } from '../answer'
import { Hono } from 'hono'
import { InviteBody } from '../../../shared/api/schemas/access'
import type { AppDeps, AppEnv } from '../app-env'
import { managersOf } from '../board-guard'
import { validate } from '../validate'
import { formatJoinCode } from '../../../shared/join-code'
import { joinUrl, shortJoinUrl } from './people'

export function inviteRoutes(deps: AppDeps) {
  const managers = managersOf(deps, 'only an admin or a facilitator of this board invites')
  return new Hono<AppEnv>().post('/:id/invites', managers, validate('json', InviteBody), async (c) => {
    const { board } = c.var
    const { role, name, ttlSeconds: ttl, group, label } = c.req.valid('json')
    if (group === true) {
      // A group link: each person who opens it enters a name and gets their own token (POST /api/join).
      const link = await deps.access.groupInvite(board.id, role, label === '' ? null : label, ttl)
      return answer(
        c,
        BOARD_API.invite,
        {
          token: link.token,
          url: joinUrl(deps.publicUrl(), board.id, link.token),
          role: link.role,
          inviteId: link.inviteId,
          group: true,
          label: link.label,
          code: formatJoinCode(link.code),
          shortUrl: shortJoinUrl(deps.publicUrl(), link.code),
          expiresAt: new Date(link.expiresAt).toISOString()
        } satisfies IssuedInvite,
        201
      )
    }
    const issued = await deps.access.invite(board.id, role, name === '' ? null : name, ttl)
    return answer(
      c,
      BOARD_API.invite,
      {
        token: issued.token,
        url: `${deps.publicUrl()}/b/${board.id}?token=${encodeURIComponent(issued.token)}`,
        role: issued.role,
        participantId: issued.participantId,
        inviteId: issued.inviteId,
        expiresAt: new Date(issued.expiresAt).toISOString()
      } satisfies IssuedInvite,
      201
    )
  })
}
