import type { GroupInfo, Joined } from '../../shared/api/join'
import { BOARD_API } from '../../shared/api/routes/board-routes'
import { ApiClient, ApiError } from '../api/api-client'
import { isGroupToken, tokenPayload } from './token'

/**
 * Group links ("customers of partner X"): the link's token cannot sync; each person exchanges it,
 * with the name they type, for a personal token (POST /api/join), so every edit is attributed to a
 * person. Used by the join page (/join/:boardId), the embed iframe and the <cg-board> embed script.
 */

export type { GroupInfo, Joined }
export { isGroupToken }

export class JoinError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

/** The group link's invite id, which names what this device remembers of joining through it. */
export function groupInviteId(token: string | null | undefined): string | null {
  const inv = tokenPayload(token)?.inv
  return typeof inv === 'string' ? inv : null
}

const apiBase = (server?: string | null) => (server ? server.replace(/\/+$/, '') : '')

function explain(status: number, error: string | undefined): string {
  if (status === 401) return 'This group link is no longer valid: it has expired or was revoked. Ask the facilitator for a new one.'
  if (status === 403) return error === 'board is archived' ? 'This board has been archived.' : 'This board cannot be joined from this page.'
  if (status === 429) return 'Many people just joined from this network. Wait a few seconds and try again.'
  if (status === 404) return 'This board does not exist.'
  return error ? `Could not join: ${error}.` : 'Could not join the board. Try again.'
}

/** A refusal in words for the person joining; the server's `error` only where it says more than the status. */
function joinError(err: unknown): JoinError {
  if (!(err instanceof ApiError)) return new JoinError(0, 'Could not join the board. Try again.')
  if (err.status === 0) return new JoinError(0, 'The server cannot be reached. Check your connection and try again.')
  return new JoinError(err.status, explain(err.status, err.message))
}

/** What a group link is for: the board's title and focus question, the role, the link's label. */
export function groupInfo(groupToken: string, server?: string | null): Promise<GroupInfo> {
  return new ApiClient(groupToken, apiBase(server)).call(BOARD_API.groupInfo).catch((err: unknown) => {
    throw joinError(err)
  })
}

/** Joins through a group link with a display name; resolves to the person's own token. */
export function joinGroup(options: { token: string; name: string; server?: string | null }): Promise<Joined> {
  return new ApiClient(options.token, apiBase(options.server))
    .call(BOARD_API.join, { body: { name: options.name } })
    .catch((err: unknown) => {
      throw joinError(err)
    })
}

const rememberKey = (inviteId: string) => `common-ground:joined:${inviteId}`

/** The personal token this device got through a group link before (so people are asked once). */
export function rememberedJoin(groupToken: string): Joined | null {
  const id = groupInviteId(groupToken)
  if (!id) return null
  try {
    const raw = localStorage.getItem(rememberKey(id))
    const joined = raw ? (JSON.parse(raw) as Joined) : null
    return joined && typeof joined.token === 'string' ? joined : null
  } catch {
    return null
  }
}

export function rememberJoin(groupToken: string, joined: Joined): void {
  const id = groupInviteId(groupToken)
  if (!id) return
  try {
    localStorage.setItem(rememberKey(id), JSON.stringify(joined))
  } catch {
    // Storage can be off (private mode, third-party frames): the person is then asked again next time.
  }
}

export function forgetJoin(groupToken: string): void {
  const id = groupInviteId(groupToken)
  if (!id) return
  try {
    localStorage.removeItem(rememberKey(id))
  } catch {
    // Nothing to forget.
  }
}

/** Whether a personal token still works (not revoked or expired), as far as the server says. */
export async function tokenStillValid(token: string, boardId: string, server?: string | null): Promise<boolean> {
  try {
    await new ApiClient(token, apiBase(server)).call(BOARD_API.board, { params: { id: boardId } })
    return true
  } catch (err) {
    // Offline: let the board decide (it shows why if the token is refused).
    return err instanceof ApiError && err.status === 0
  }
}
