import type { Role } from '../../shared/roles'

/**
 * Group links ("customers of partner X"): the link's token cannot sync; each person exchanges it,
 * with the name they type, for a personal token (POST /api/join), so every edit is attributed to a
 * person. Used by the join page (/join/:boardId), the embed iframe and the <cg-board> embed script.
 */

export interface GroupInfo {
  boardId: string
  title: string
  focusQuestion: string
  role: Role
  label: string | null
  expiresAt: string
}

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

export class JoinError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

function payload(token: string | null | undefined): Record<string, unknown> | null {
  const part = token?.split('.')[1]
  if (!part) return null
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=')
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes))
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Whether a token is a group link's (read, never verified: the server decides). */
export function isGroupToken(token: string | null | undefined): boolean {
  return payload(token)?.group === true
}

/** The group link's invite id, which names what this device remembers of joining through it. */
export function groupInviteId(token: string | null | undefined): string | null {
  const inv = payload(token)?.inv
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

async function call<T>(method: 'GET' | 'POST', groupToken: string, server?: string | null, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetch(`${apiBase(server)}/api/join`, {
      method,
      headers: { authorization: `Bearer ${groupToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : null,
      credentials: 'omit',
      referrerPolicy: 'no-referrer'
    })
  } catch {
    throw new JoinError(0, 'The server cannot be reached. Check your connection and try again.')
  }
  const data = (await res.json().catch(() => ({}))) as T & { error?: string }
  if (!res.ok) throw new JoinError(res.status, explain(res.status, data.error))
  return data
}

/** What a group link is for: the board's title and focus question, the role, the link's label. */
export function groupInfo(groupToken: string, server?: string | null): Promise<GroupInfo> {
  return call<GroupInfo>('GET', groupToken, server)
}

/** Joins through a group link with a display name; resolves to the person's own token. */
export function joinGroup(options: { token: string; name: string; server?: string | null }): Promise<Joined> {
  return call<Joined>('POST', options.token, options.server, { name: options.name })
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
    const res = await fetch(`${apiBase(server)}/api/boards/${encodeURIComponent(boardId)}`, {
      headers: { authorization: `Bearer ${token}` },
      credentials: 'omit'
    })
    return res.ok
  } catch {
    // Offline: let the board decide (it shows why if the token is refused).
    return true
  }
}
