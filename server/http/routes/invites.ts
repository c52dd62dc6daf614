import type { IssuedInvite } from '../../../shared/api/access'
import { Hono } from 'hono'
import { isRole } from '../../../shared/roles'
import { canManage, DEFAULT_INVITE_TTL_SECONDS, MAX_INVITE_TTL_SECONDS } from '../../auth/access'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { readJsonObject, stringField } from '../read-json'
import { boardFromPath } from './boards'
import { formatJoinCode } from '../../../shared/join-code'
import { joinUrl, shortJoinUrl } from './people'

export const MAX_NAME_LENGTH = 100
export const MAX_LABEL_LENGTH = 200

export function inviteRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/:id/invites', async (c) => {
    const board = await boardFromPath(deps, c.req.param('id'))
    if (!canManage(c.var.principal, board.id)) throw fail(403, 'only an admin or a facilitator of this board invites')
    const body = await readJsonObject(c)
    if (!isRole(body.role)) throw fail(400, 'role must be one of facilitator, brand, customer, viewer')
    const name = stringField(body, 'name', MAX_NAME_LENGTH, '')
    const ttl = body.ttlSeconds ?? DEFAULT_INVITE_TTL_SECONDS
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > MAX_INVITE_TTL_SECONDS) {
      throw fail(400, `ttlSeconds must be an integer from 1 to ${MAX_INVITE_TTL_SECONDS}`)
    }
    if (body.group !== undefined && typeof body.group !== 'boolean') throw fail(400, 'group must be true or false')
    if (body.group === true) {
      // A group link: each person who opens it enters a name and gets their own token (POST /api/join).
      if (body.role === 'facilitator') throw fail(400, 'group links are for brand, customer or viewer; invite facilitators one by one')
      const label = stringField(body, 'label', MAX_LABEL_LENGTH, '')
      const group = await deps.access.groupInvite(board.id, body.role, label === '' ? null : label, ttl)
      return c.json(
        {
          token: group.token,
          url: joinUrl(deps.publicUrl(), board.id, group.token),
          role: group.role,
          inviteId: group.inviteId,
          group: true,
          label: group.label,
          code: formatJoinCode(group.code),
          shortUrl: shortJoinUrl(deps.publicUrl(), group.code),
          expiresAt: new Date(group.expiresAt).toISOString()
        } satisfies IssuedInvite,
        201
      )
    }
    const issued = await deps.access.invite(board.id, body.role, name === '' ? null : name, ttl)
    return c.json(
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
