import { isRole, type Role } from '../../shared/roles'

/** What the client reads from an invite token for the interface; the server does the enforcing. */
export interface TokenClaims {
  role: Role
  name: string | null
  board: string | null
  sub: string | null
}

/** The payload of a JWT-like token, read and never verified (the server decides); null if unreadable. */
export function tokenPayload(token: string | null | undefined): Record<string, unknown> | null {
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

/** Whether a token is a group link's, which cannot sync (read, never verified: the server decides). */
export function isGroupToken(token: string | null | undefined): boolean {
  return tokenPayload(token)?.group === true
}

/**
 * Reads (never verifies) the claims of an invite token. An unreadable token yields the most
 * restrictive role so the interface never offers edits the server would refuse.
 */
export function readTokenClaims(token: string | null | undefined): TokenClaims {
  const c = tokenPayload(token)
  if (!c) return { role: 'viewer', name: null, board: null, sub: null }
  return {
    role: isRole(c.role) ? c.role : 'viewer',
    name: typeof c.name === 'string' && c.name.trim() !== '' ? c.name.trim() : null,
    board: typeof c.board === 'string' ? c.board : null,
    sub: typeof c.sub === 'string' ? c.sub : null
  }
}
