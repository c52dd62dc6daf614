import { createHmac, timingSafeEqual } from 'node:crypto'
import { isBoardId } from '../../shared/board-id'
import { isRole, type Role } from '../../shared/roles'

/** What a participant token says; the server signed it, so it is believed once verified. */
export interface TokenClaims {
  board: string
  role: Role
  /** Participant id. */
  sub: string
  /** Invite id: revoking the invite revokes the token. */
  inv: string
  name?: string
  /** A group link's token: it only lets people join (POST /api/join), never sync or call the API. */
  group?: true
  /** Expiry, epoch seconds (as in JWT). */
  exp: number
}

// The header is fixed: a token whose header differs in any byte (alg "none", RS256, a kid, …) is
// refused before its signature is even looked at.
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')
const MAX_TOKEN_LENGTH = 4096

/** Compact JWS tokens (HS256), readable by standard JWT tooling, verified strictly here. */
export class TokenSigner {
  constructor(private readonly secret: Buffer) {}

  sign(claims: TokenClaims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
    return `${HEADER}.${payload}.${this.mac(`${HEADER}.${payload}`)}`
  }

  /** Returns the claims of a genuine, unexpired token, or null. Revocation is checked by the caller. */
  verify(token: string, nowMs: number): TokenClaims | null {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null
    const parts = token.split('.')
    if (parts.length !== 3) return null
    const [header, payload, signature] = parts as [string, string, string]
    if (header !== HEADER) return null
    const expected = Buffer.from(this.mac(`${header}.${payload}`))
    const given = Buffer.from(signature)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    let claims: unknown
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    } catch {
      return null
    }
    if (!isClaims(claims)) return null
    if (claims.exp * 1000 <= nowMs) return null
    return claims
  }

  private mac(input: string): string {
    return createHmac('sha256', this.secret).update(input).digest('base64url')
  }
}

function isClaims(v: unknown): v is TokenClaims {
  if (typeof v !== 'object' || v === null) return false
  const c = v as Record<string, unknown>
  return (
    isBoardId(c.board) &&
    isRole(c.role) &&
    typeof c.sub === 'string' &&
    typeof c.inv === 'string' &&
    typeof c.exp === 'number' &&
    Number.isFinite(c.exp) &&
    (c.name === undefined || typeof c.name === 'string') &&
    (c.group === undefined || c.group === true)
  )
}

/** Constant-time comparison for the admin token. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
