import type { Role } from '../roles'

/** The shapes of joining through a group link (docs/api.md, "People, access and embedding"). */

/** GET /api/join: what a group link is for. */
export interface GroupInfo {
  boardId: string
  title: string
  focusQuestion: string
  role: Role
  label: string | null
  expiresAt: string
}

/** POST /api/join: the person's own access. */
export interface Joined {
  token: string
  /** The board page with the personal token. */
  url: string
  boardId: string
  role: Role
  name: string
  participantId: string
  inviteId: string
  expiresAt: string
}
