import type { InviteSummary, OnlinePerson, ParticipantSummary } from '../../../shared/api/access'
import { BOARD_API } from '../../../shared/api/routes/board-routes'
import { answer } from '../answer'
import { Hono } from 'hono'
import { CloseCode } from '../../../shared/close-codes'
import { formatJoinCode } from '../../../shared/join-code'
import { canManage } from '../../auth/access'
import type { InviteRecord, ParticipantRecord } from '../../store/metadata'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { managersOf } from '../board-guard'
import { validate } from '../validate'
import { RevokeInviteBody } from '../../../shared/api/schemas/access'
import { boardFromPath } from './boards'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

function participantView(p: ParticipantRecord, connections: number, groupInviteId: string | null): ParticipantSummary {
  return {
    id: p.id,
    role: p.role,
    name: p.name,
    inviteId: p.inviteId,
    groupInviteId,
    createdAt: new Date(p.createdAt).toISOString(),
    firstConnectedAt: iso(p.firstConnectedAt),
    revokedAt: iso(p.revokedAt),
    connections
  }
}

export function joinUrl(publicUrl: string, boardId: string, token: string): string {
  return `${publicUrl}/join/${boardId}?token=${encodeURIComponent(token)}`
}

/** A group link's short address, what its QR code holds: `/j/CODE`. */
export function shortJoinUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/j/${code}`
}

/**
 * A board's people and invites (admin or the board's facilitator): who is on it and online now,
 * the invites and group links handed out, and revoking either (live connections close at once).
 */
export function peopleRoutes(deps: AppDeps) {
  async function managedBoard(id: string, principal: AppEnv['Variables']['principal']) {
    const board = await boardFromPath(deps, id)
    if (!canManage(principal, board.id)) throw fail(403, 'only an admin or a facilitator of this board manages its people')
    return board
  }

  const managers = managersOf(deps, 'only an admin or a facilitator of this board manages its people')

  return new Hono<AppEnv>()
    .get('/:id/participants', async (c) => {
      const board = await managedBoard(c.req.param('id'), c.var.principal)
      const [participants, invites] = await Promise.all([
        deps.store.metadata.listParticipants(board.id),
        deps.store.metadata.listInvites(board.id)
      ])
      const groupOf = new Map(invites.map((i) => [i.id, i.groupInviteId ?? null]))
      const online = new Map<string, OnlinePerson>()
      for (const p of deps.registry.online(board.id)) {
        const seen = online.get(p.id)
        if (seen) seen.connections++
        else online.set(p.id, { id: p.id, role: p.role, name: p.name, connections: 1 })
      }
      return answer(c, BOARD_API.participants, {
        participants: participants
          .sort((a, b) => a.createdAt - b.createdAt)
          .map((p) => participantView(p, online.get(p.id)?.connections ?? 0, groupOf.get(p.inviteId) ?? null)),
        online: [...online.values()]
      })
    })
    .post('/:id/participants/:pid/revoke', async (c) => {
      const board = await managedBoard(c.req.param('id'), c.var.principal)
      const participant = await deps.store.metadata.getParticipant(c.req.param('pid'))
      if (!participant || participant.boardId !== board.id) throw fail(404, 'no such participant on this board')
      // Revoked first (the token stops working), then every live connection closes (4401): the sync
      // endpoint closes the sockets it holds; the registry covers rooms fed by anything else.
      const { participant: revoked, closed } = await deps.access.revokeParticipant(participant)
      const more = deps.registry.disconnect(board.id, (p) => p.id === participant.id, CloseCode.unauthorized, 'access revoked')
      deps.log.info({ board: board.id, participant: participant.id }, 'participant revoked')
      return answer(c, BOARD_API.revokeParticipant, { participant: participantView(revoked, 0, null), closed: closed + more })
    })
    .get('/:id/invites', async (c) => {
      const board = await managedBoard(c.req.param('id'), c.var.principal)
      const [invites, participants] = await Promise.all([deps.store.metadata.listInvites(board.id), deps.store.metadata.listParticipants(board.id)])
      const members = new Map<string, number>()
      for (const i of invites) if (i.groupInviteId) members.set(i.groupInviteId, (members.get(i.groupInviteId) ?? 0) + 1)
      const holder = new Map(participants.filter((p) => p.revokedAt === null).map((p) => [p.inviteId, p.id]))
      const now = deps.now()
      return answer(c, BOARD_API.invites, {
        invites: invites
          .filter((i) => !i.groupInviteId)
          .map((i) => inviteView(i, now, members.get(i.id) ?? 0, holder.get(i.id)))
      })
    })
    .post('/:id/invites/:iid/revoke', managers, validate('json', RevokeInviteBody), async (c) => {
      const { board } = c.var
      const invite = await deps.store.metadata.getInvite(c.req.param('iid'))
      if (!invite || invite.boardId !== board.id) throw fail(404, 'no such invite on this board')
      const { keepMembers } = c.req.valid('json')
      const { invite: revoked, participantIds, closed } = await deps.access.revokeInvite(invite, { keepMembers: keepMembers === true })
      const ids = new Set(participantIds)
      const more = deps.registry.disconnect(board.id, (p) => ids.has(p.id), CloseCode.unauthorized, 'access revoked')
      deps.log.info({ board: board.id, invite: invite.id, participants: participantIds.length }, 'invite revoked')
      return answer(c, BOARD_API.revokeInvite, { invite: inviteView(revoked, deps.now(), 0), revokedParticipants: participantIds, closed: closed + more })
    })

  /** `holder`: the participant a personal invite made, whose link can then be copied again. */
  function inviteView(i: InviteRecord, now: number, members: number, holder?: string): InviteSummary {
    const group = i.group === true
    const live = i.revokedAt === null && i.expiresAt > now
    return {
      id: i.id,
      role: i.role,
      name: i.name,
      group,
      label: i.label ?? null,
      createdAt: new Date(i.createdAt).toISOString(),
      expiresAt: new Date(i.expiresAt).toISOString(),
      revokedAt: iso(i.revokedAt),
      status: i.revokedAt !== null ? 'revoked' : live ? 'active' : 'expired',
      ...(group ? { members } : {}),
      // Live links can be copied again: signing is deterministic, so this is the token handed out, and
      // revoking the invite or the person still ends it.
      ...(group && live ? { url: joinUrl(deps.publicUrl(), i.boardId, deps.access.groupToken(i)) } : {}),
      ...(group && live && i.code ? { code: formatJoinCode(i.code), shortUrl: shortJoinUrl(deps.publicUrl(), i.code) } : {}),
      ...(!group && live && holder ? { url: `${deps.publicUrl()}/b/${i.boardId}?token=${encodeURIComponent(deps.access.personalToken(i, holder))}` } : {})
    }
  }
}
