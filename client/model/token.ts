import { isRole, type Role } from '../../shared/roles'

/** What the client reads from an invite token for the interface; the server does the enforcing. */
export interface TokenClaims {
  role: Role
  name: string | null
  board: string | null
  sub: string | null
}

/**
 * Reads (never verifies) the payload of a JWT-like token. An unreadable token yields the most
 * restrictive role so the interface never offers edits the server would refuse.
 */
export function readTokenClaims(token: string | null | undefined): TokenClaims {
  const fallback: TokenClaims = { role: 'viewer', name: null, board: null, sub: null }
  const payload = token?.split('.')[1]
  if (!payload) return fallback
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=')
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes))
    if (typeof claims !== 'object' || claims === null) return fallback
    const c = claims as Record<string, unknown>
    return {
      role: isRole(c.role) ? c.role : 'viewer',
      name: typeof c.name === 'string' && c.name.trim() !== '' ? c.name.trim() : null,
      board: typeof c.board === 'string' ? c.board : null,
      sub: typeof c.sub === 'string' ? c.sub : null
    }
  } catch {
    return fallback
  }
}
