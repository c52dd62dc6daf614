import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { isBoardId } from '../../shared/board-id'
import { isRole } from '../../shared/roles'
import type { Principal } from './access'
import type { TokenClaims } from './tokens'

/** How long a download ticket lives: long enough to start a download, too short to be worth stealing from a log. */
export const DOWNLOAD_TICKET_TTL_MS = 60_000
const MAX_TICKET_LENGTH = 2048

/**
 * What a ticket may be spent on, bound when it is issued: one export format (`export:png`) or the
 * facilitator's live stream (`live`).
 */
export type TicketUse = `export:${string}` | 'live'

/** Who asked for the ticket: the admin, or a participant's claims without their token. */
type Holder = { admin: true } | { admin?: undefined; claims: Omit<TokenClaims, 'exp'> }

interface TicketBody {
  /** Board id. */
  b: string
  u: TicketUse
  /** Expiry, epoch ms. */
  e: number
  /** Random: what makes each ticket single-use. */
  n: string
  h: Holder
}

/**
 * Short-lived, single-use download tickets, so that a link a browser must follow (a download, an
 * EventSource) never carries the participant's token: the token would stay in download history,
 * proxy logs and the Referer of whatever the file opens. A ticket is signed (a key derived from the
 * token-signing key, so every instance of a scaled-out service reads it and it is never a token),
 * names its board, its use and its holder, lives a minute and is spent on first use. It carries the
 * holder's participant id, never the token: redeeming checks again that the participant and invite
 * still stand, so revoking a token revokes its tickets too.
 * Spent tickets are remembered by the instance that took them until they expire.
 */
export class DownloadTickets {
  private readonly key: Buffer
  private readonly spent = new Map<string, number>()

  constructor(
    signingKey: Buffer,
    private readonly now: () => number,
    private readonly ttlMs = DOWNLOAD_TICKET_TTL_MS
  ) {
    this.key = createHmac('sha256', signingKey).update('common-ground download tickets v1').digest()
  }

  /** A ticket for `principal` to spend once on `use` of board `boardId`. */
  issue(principal: Principal, boardId: string, use: TicketUse): { ticket: string; expiresAt: number } {
    const h: Holder = principal.kind === 'admin' ? { admin: true } : { claims: holderClaims(principal.claims) }
    const body: TicketBody = { b: boardId, u: use, e: this.now() + this.ttlMs, n: randomBytes(16).toString('base64url'), h }
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url')
    return { ticket: `${payload}.${this.mac(payload)}`, expiresAt: body.e }
  }

  /**
   * Spends a ticket on `use` of `boardId`: who it was issued to, or null when it is forged, expired,
   * already spent, or for another board or use. (The holder's access is the caller's to check again.)
   */
  redeem(ticket: string, boardId: string, use: TicketUse): { admin: true } | { claims: TokenClaims } | null {
    const body = this.verify(ticket)
    const now = this.now()
    if (!body || body.e <= now || body.b !== boardId || body.u !== use) return null
    this.forgetExpired(now)
    if (this.spent.has(body.n)) return null
    this.spent.set(body.n, body.e)
    return body.h.admin ? { admin: true } : { claims: { ...body.h.claims, exp: Math.floor(body.e / 1000) } }
  }

  private verify(ticket: string): TicketBody | null {
    if (typeof ticket !== 'string' || ticket.length > MAX_TICKET_LENGTH) return null
    const parts = ticket.split('.')
    if (parts.length !== 2) return null
    const [payload, signature] = parts as [string, string]
    const expected = Buffer.from(this.mac(payload))
    const given = Buffer.from(signature)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    try {
      const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown
      return isTicketBody(body) ? body : null
    } catch {
      return null
    }
  }

  private forgetExpired(now: number): void {
    // Every ticket lives as long, so insertion order is expiry order: stop at the first one still live.
    for (const [nonce, expiry] of this.spent) {
      if (expiry > now) break
      this.spent.delete(nonce)
    }
  }

  private mac(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url')
  }
}

function holderClaims(c: TokenClaims): Omit<TokenClaims, 'exp'> {
  return { board: c.board, role: c.role, sub: c.sub, inv: c.inv, ...(c.name === undefined ? {} : { name: c.name }) }
}

function isTicketBody(v: unknown): v is TicketBody {
  if (typeof v !== 'object' || v === null) return false
  const t = v as Record<string, unknown>
  if (!isBoardId(t.b) || typeof t.u !== 'string' || typeof t.e !== 'number' || typeof t.n !== 'string') return false
  const h = t.h as Record<string, unknown> | null
  if (typeof h !== 'object' || h === null) return false
  if (h.admin === true) return true
  const c = h.claims as Record<string, unknown> | null
  return typeof c === 'object' && c !== null && isBoardId(c.board) && isRole(c.role) && typeof c.sub === 'string' && typeof c.inv === 'string'
}
