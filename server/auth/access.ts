import { randomBytes } from 'node:crypto'
import type { Role } from '../../shared/roles'
import type { MetadataStore, ParticipantRecord } from '../store/metadata'
import { sameSecret, type TokenClaims, type TokenSigner } from './tokens'

export type Principal =
  | { kind: 'admin' }
  | { kind: 'participant'; claims: TokenClaims; participant: ParticipantRecord }

export const ADMIN_PARTICIPANT_ID = 'admin'
export const DEFAULT_INVITE_TTL_SECONDS = 30 * 24 * 3600
export const MAX_INVITE_TTL_SECONDS = 366 * 24 * 3600

export interface IssuedInvite {
  token: string
  inviteId: string
  participantId: string
  role: Role
  expiresAt: number
}

export const newId = (bytes = 9) => randomBytes(bytes).toString('base64url')

/** Who a bearer token belongs to, and the issuing of participant tokens. */
export class Access {
  constructor(
    private readonly signer: TokenSigner,
    private readonly adminToken: string,
    private readonly metadata: MetadataStore,
    private readonly now: () => number
  ) {}

  /** The principal of a genuine, unexpired, unrevoked token; null for anything else. */
  async authenticate(token: string | null | undefined): Promise<Principal | null> {
    if (!token) return null
    if (sameSecret(token, this.adminToken)) return { kind: 'admin' }
    const claims = this.signer.verify(token, this.now())
    if (!claims) return null
    const [participant, invite] = await Promise.all([
      this.metadata.getParticipant(claims.sub),
      this.metadata.getInvite(claims.inv)
    ])
    if (!participant || participant.revokedAt !== null || participant.boardId !== claims.board) return null
    if (!invite || invite.revokedAt !== null || invite.boardId !== claims.board) return null
    return { kind: 'participant', claims, participant }
  }

  /** Creates a participant named by a fresh invite and signs its token. */
  async invite(boardId: string, role: Role, name: string | null, ttlSeconds: number): Promise<IssuedInvite> {
    const createdAt = this.now()
    const expiresAt = createdAt + ttlSeconds * 1000
    const inviteId = newId()
    const participantId = newId()
    await this.metadata.createInvite({ id: inviteId, boardId, role, name, createdAt, expiresAt, revokedAt: null })
    await this.metadata.createParticipant({
      id: participantId,
      boardId,
      role,
      name,
      createdAt,
      inviteId,
      revokedAt: null,
      firstConnectedAt: null
    })
    const claims: TokenClaims = { board: boardId, role, sub: participantId, inv: inviteId, exp: Math.floor(expiresAt / 1000) }
    if (name !== null) claims.name = name
    return { token: this.signer.sign(claims), inviteId, participantId, role, expiresAt }
  }
}

/** Whether a principal may manage a board (create invites, read history): admin or its facilitator. */
export function canManage(principal: Principal, boardId: string): boolean {
  if (principal.kind === 'admin') return true
  return principal.claims.board === boardId && principal.claims.role === 'facilitator'
}
