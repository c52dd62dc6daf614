import type { z } from 'zod'
import type { IssuedInvite, InviteSummary, Me, OnlinePerson, ParticipantSummary } from '../access'
import type { BoardView } from '../boards'
import type { GroupInfo, Joined } from '../join'
import { route } from '../route'
import type { InviteBody, RevokeInviteBody } from '../schemas/access'
import type { CreateBoardBody, PatchBoardBody } from '../schemas/boards'
import type { JoinBody } from '../schemas/join'

/** What GET /api/boards/:id answers a participant who does not manage the board. */
export interface BoardBrief {
  id: string
  title: string
  focusQuestion: string
  locked: boolean
}

/**
 * The routes of boards and their people (docs/api.md, "Boards", "People, access and embedding"). The
 * server validates each body with the schema named here (server/http/routes/boards.ts and beside it).
 */
export const BOARD_API = {
  me: route<Me>()('GET', '/api/me'),
  /** With the group link's token as the bearer: what the link is for. */
  groupInfo: route<GroupInfo>()('GET', '/api/join'),
  /** With the group link's token: the person's own access, under the name they typed. */
  join: route<Joined, undefined, z.input<typeof JoinBody>>()('POST', '/api/join'),
  createBoard: route<BoardView, undefined, z.input<typeof CreateBoardBody>>()('POST', '/api/boards'),
  listBoards: route<{ boards: BoardView[] }>()('GET', '/api/boards'),
  board: route<BoardView | BoardBrief>()('GET', '/api/boards/:id'),
  patchBoard: route<BoardView, undefined, z.input<typeof PatchBoardBody>>()('PATCH', '/api/boards/:id'),
  invite: route<IssuedInvite, undefined, z.input<typeof InviteBody>>()('POST', '/api/boards/:id/invites'),
  invites: route<{ invites: InviteSummary[] }>()('GET', '/api/boards/:id/invites'),
  revokeInvite: route<{ invite: InviteSummary; revokedParticipants: string[]; closed: number }, undefined, z.input<typeof RevokeInviteBody>>()(
    'POST',
    '/api/boards/:id/invites/:iid/revoke'
  ),
  participants: route<{ participants: ParticipantSummary[]; online: OnlinePerson[] }>()('GET', '/api/boards/:id/participants'),
  revokeParticipant: route<{ participant: ParticipantSummary; closed: number }>()('POST', '/api/boards/:id/participants/:pid/revoke')
} as const
