import { newId } from '../new-id'
import { CloseCode } from '../../shared/close-codes'
import type { Role } from '../../shared/roles'
import { INVITE_LIMITS } from '../../shared/api/access'
import type { InviteRecord, MetadataStore, ParticipantRecord } from '../store/metadata'
import { newJoinCode } from './join-codes'
import { sameSecret, type TokenClaims, type TokenSigner } from './tokens'

export type Principal =
  | { kind: 'admin' }
  | { kind: 'participant'; claims: TokenClaims; participant: ParticipantRecord; invite?: InviteRecord }

export const ADMIN_PARTICIPANT_ID = 'admin'
export const DEFAULT_INVITE_TTL_SECONDS = INVITE_LIMITS.defaultTtlSeconds
export const MAX_INVITE_TTL_SECONDS = INVITE_LIMITS.maxTtlSeconds

export interface MintedInvite {
  token: string
  inviteId: string
  participantId: string
  role: Role
  expiresAt: number
}

export interface IssuedGroupInvite {
  token: string
  inviteId: string
  role: Role
  label: string | null
  expiresAt: number
  /** Its short join code (`/j/CODE`). */
  code: string
}

/** Live connections to close now: a revocation, an archived board. */
export interface Ejection {
  boardId: string
  /** Participants whose connections close; 'all' for every connection of the board. */
  participantIds: readonly string[] | 'all'
  code: number
  reason: string
}

/** Who a bearer token belongs to, and the issuing of participant tokens. */
export class Access {
  private readonly ejectListeners = new Set<(e: Ejection) => number>()

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
    // A group link's token names no participant: it can only be exchanged for one (POST /api/join).
    if (!claims || claims.group) return null
    return this.participantPrincipal(claims)
  }

  /** The principal of verified claims (a token's, a download ticket's) whose participant and invite still stand. */
  async participantPrincipal(claims: TokenClaims): Promise<Principal | null> {
    if (claims.group) return null
    const [participant, invite] = await Promise.all([
      this.metadata.getParticipant(claims.sub),
      this.metadata.getInvite(claims.inv)
    ])
    if (!participant || participant.revokedAt !== null || participant.boardId !== claims.board) return null
    if (!invite || invite.revokedAt !== null || invite.boardId !== claims.board || invite.group) return null
    return { kind: 'participant', claims, participant, invite }
  }

  /** The group link of a genuine, unexpired, unrevoked group token; null for anything else. */
  async authenticateGroup(token: string | null | undefined): Promise<{ claims: TokenClaims; invite: InviteRecord } | null> {
    if (!token) return null
    const claims = this.signer.verify(token, this.now())
    if (!claims?.group) return null
    const invite = await this.metadata.getInvite(claims.inv)
    if (!invite?.group || invite.revokedAt !== null || invite.boardId !== claims.board) return null
    return { claims, invite }
  }

  /** Creates a participant named by a fresh invite and signs its token. */
  async invite(boardId: string, role: Role, name: string | null, ttlSeconds: number): Promise<MintedInvite> {
    const createdAt = this.now()
    return this.issue({ boardId, role, name, createdAt, expiresAt: createdAt + ttlSeconds * 1000, groupInviteId: null })
  }

  /** Creates a group link: its token only lets each person join with a name and get their own. */
  async groupInvite(boardId: string, role: Role, label: string | null, ttlSeconds: number): Promise<IssuedGroupInvite> {
    const createdAt = this.now()
    const invite: InviteRecord = {
      id: newId(),
      boardId,
      role,
      name: null,
      createdAt,
      expiresAt: createdAt + ttlSeconds * 1000,
      revokedAt: null,
      group: true,
      label,
      code: await this.freeJoinCode()
    }
    await this.metadata.createInvite(invite)
    return { token: this.groupToken(invite), inviteId: invite.id, role, label, expiresAt: invite.expiresAt, code: invite.code! }
  }

  /** A join code no invite holds (31⁸ codes: a clash is rare, and drawn again). */
  private async freeJoinCode(): Promise<string> {
    for (;;) {
      const code = newJoinCode()
      if (!(await this.metadata.findInviteByCode(code))) return code
    }
  }

  /** The group link a join code opens: live (not revoked, not expired), or null. */
  async inviteByCode(code: string): Promise<InviteRecord | null> {
    const invite = await this.metadata.findInviteByCode(code)
    return invite?.group && invite.revokedAt === null && invite.expiresAt > this.now() ? invite : null
  }

  /**
   * A personal invite's token, signed again (signing is deterministic: the very token it was issued
   * with), so a facilitator can copy the link later; revoking or expiry still ends it.
   */
  personalToken(invite: InviteRecord, participantId: string): string {
    const claims: TokenClaims = { board: invite.boardId, role: invite.role, sub: participantId, inv: invite.id, exp: Math.floor(invite.expiresAt / 1000) }
    if (invite.name !== null) claims.name = invite.name
    return this.signer.sign(claims)
  }

  /** A group link's token (signing is deterministic, so this is the token it was issued with). */
  groupToken(invite: InviteRecord): string {
    return this.signer.sign({ board: invite.boardId, role: invite.role, sub: `group:${invite.id}`, inv: invite.id, exp: Math.floor(invite.expiresAt / 1000), group: true })
  }

  /** One person joining through a group link: their own invite and participant, as long as the link lasts. */
  async join(group: InviteRecord, name: string): Promise<MintedInvite> {
    return this.issue({ boardId: group.boardId, role: group.role, name, createdAt: this.now(), expiresAt: group.expiresAt, groupInviteId: group.id })
  }

  private async issue(i: { boardId: string; role: Role; name: string | null; createdAt: number; expiresAt: number; groupInviteId: string | null }): Promise<MintedInvite> {
    const inviteId = newId()
    const participantId = newId()
    const { boardId, role, name, createdAt, expiresAt } = i
    const invite: InviteRecord = { id: inviteId, boardId, role, name, createdAt, expiresAt, revokedAt: null }
    if (i.groupInviteId !== null) invite.groupInviteId = i.groupInviteId
    await this.metadata.createInvite(invite)
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

  /** Revokes one person: their token stops working and their live connections are closed (how many: `closed`). */
  async revokeParticipant(participant: ParticipantRecord): Promise<{ participant: ParticipantRecord; closed: number }> {
    const revokedAt = participant.revokedAt ?? this.now()
    const updated = (await this.metadata.updateParticipant(participant.id, { revokedAt })) ?? { ...participant, revokedAt }
    const closed = this.eject({ boardId: participant.boardId, participantIds: [participant.id], code: CloseCode.unauthorized, reason: 'access revoked' })
    return { participant: updated, closed }
  }

  /**
   * Revokes an invite and every token issued with it. For a group link that is the link itself and,
   * unless `keepMembers`, every person who joined through it (keepMembers only closes the door).
   */
  async revokeInvite(
    invite: InviteRecord,
    options: { keepMembers?: boolean } = {}
  ): Promise<{ invite: InviteRecord; participantIds: string[]; closed: number }> {
    const now = this.now()
    const all = await this.metadata.listInvites(invite.boardId)
    const invites = [invite, ...(invite.group && !options.keepMembers ? all.filter((i) => i.groupInviteId === invite.id) : [])]
    const inviteIds = new Set(invites.map((i) => i.id))
    for (const i of invites) if (i.revokedAt === null) await this.metadata.updateInvite(i.id, { revokedAt: now })
    const participants = (await this.metadata.listParticipants(invite.boardId)).filter((p) => inviteIds.has(p.inviteId))
    for (const p of participants) if (p.revokedAt === null) await this.metadata.updateParticipant(p.id, { revokedAt: now })
    const participantIds = participants.map((p) => p.id)
    const closed = participantIds.length > 0 ? this.eject({ boardId: invite.boardId, participantIds, code: CloseCode.unauthorized, reason: 'access revoked' }) : 0
    return { invite: (await this.metadata.getInvite(invite.id)) ?? invite, participantIds, closed }
  }

  /** Listens for connections to close (the sync endpoint does, for every socket it holds); returns how many it closed. */
  onEject(listener: (e: Ejection) => number): () => void {
    this.ejectListeners.add(listener)
    return () => this.ejectListeners.delete(listener)
  }

  /** Closes live connections now, wherever they are in their life (even still joining); returns how many. */
  eject(e: Ejection): number {
    let closed = 0
    for (const listener of this.ejectListeners) closed += listener(e)
    return closed
  }
}

/** Whether a principal may manage a board (create invites, read history): admin or its facilitator. */
export function canManage(principal: Principal, boardId: string): boolean {
  if (principal.kind === 'admin') return true
  return principal.claims.board === boardId && principal.claims.role === 'facilitator'
}
