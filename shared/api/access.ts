import type { Role } from '../roles'

/**
 * The access shapes of the HTTP API (docs/api.md, "Invites and people"), defined once: the server's
 * routes build them, the console and tests read them. Times are ISO 8601 strings.
 */

/** How long invites last by default and at most, and how long their names may be. */
export const INVITE_LIMITS = { defaultTtlSeconds: 30 * 24 * 3600, maxTtlSeconds: 366 * 24 * 3600, maxNameLength: 100, maxLabelLength: 200 } as const

/** GET /api/me: who a token belongs to. */
export type Me = { kind: 'admin' } | { kind: 'participant'; boardId: string; role: Role; participantId: string; name: string | null; expiresAt: string }

/** POST /api/boards/:id/invites: a personal invite, or (group: true) a group link. */
export interface IssuedInvite {
  token: string
  url: string
  role: Role
  inviteId: string
  participantId?: string
  group?: boolean
  label?: string | null
  /** A group link's join code (ABCD-EFGH) and short link (`/j/CODE`). */
  code?: string
  shortUrl?: string
  expiresAt: string
}

/** GET /api/boards/:id/invites: one invite as the list shows it. */
export interface InviteSummary {
  id: string
  role: Role
  name: string | null
  group: boolean
  label: string | null
  createdAt: string
  expiresAt: string
  revokedAt: string | null
  status: 'active' | 'expired' | 'revoked'
  members?: number
  /** The link, while it works (personal invites too: they can be copied again). */
  url?: string
  code?: string
  shortUrl?: string
}

/** GET /api/boards/:id/participants: one person who joined. */
export interface ParticipantSummary {
  id: string
  role: Role
  name: string | null
  inviteId: string
  groupInviteId: string | null
  createdAt: string
  firstConnectedAt: string | null
  revokedAt: string | null
  connections: number
}

/** GET /api/boards/:id/participants: one person connected now. */
export interface OnlinePerson {
  id: string
  role: Role
  name: string | null
  connections: number
}
