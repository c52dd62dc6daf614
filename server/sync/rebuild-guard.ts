import { StrikeCounter, type StrikeRules } from './update-strikes'
import type { Participant } from './sync-socket'

/**
 * How many updates that cannot be applied (each costs its board a rebuild from the journal) are
 * tolerated, counted per participant, per invite, per remote address and per board, within ten
 * minutes; reaching one refuses that key for ten minutes. An honest client never sends one.
 */
export interface RebuildRules {
  participant: StrikeRules
  /** The invite a participant came through: its group link when it joined by one (which mints participants on demand). */
  invite: StrikeRules
  address: StrikeRules
  /** Rebuilds one board may cost: past them, whoever sends another is refused at once, by every key. */
  board: StrikeRules
}

const TEN_MINUTES = 10 * 60_000
const rule = (strikes: number): StrikeRules => ({ strikes, windowMs: TEN_MINUTES, banMs: TEN_MINUTES })

export const REBUILD_RULES: RebuildRules = { participant: rule(3), invite: rule(6), address: rule(3), board: rule(5) }

/** Who is refused after a strike: connections to close now (the invite's are left, see `strike`). */
export type StruckMatch = (participant: Participant) => boolean

/**
 * Strikes and bans for updates that cannot be applied. Kept by the room registry, not the room, so that
 * unloading an idle board forgives nobody. Keys of one board never refuse anyone on another, except the
 * remote address, which is refused everywhere (a rebuild of one board delays the others too).
 */
export class RebuildGuard {
  private readonly participants: StrikeCounter
  private readonly invites: StrikeCounter
  private readonly addresses: StrikeCounter
  private readonly boards: StrikeCounter

  constructor(rules: RebuildRules, now: () => number) {
    this.participants = new StrikeCounter(rules.participant, now)
    this.invites = new StrikeCounter(rules.invite, now)
    this.addresses = new StrikeCounter(rules.address, now)
    this.boards = new StrikeCounter(rules.board, now)
  }

  /** Whether `participant` is refused on `boardId` now (by itself, its invite or its address). */
  refused(boardId: string, participant: Participant): boolean {
    const { invite, address } = participant
    return (
      this.participants.banned(participantKey(boardId, participant)) ||
      (!!invite && this.invites.banned(inviteKey(boardId, invite))) ||
      (!!address && this.addresses.banned(address))
    )
  }

  /**
   * Records an update of `participant` that cost `boardId` a rebuild. Returns which connections to
   * close now (the participant's, and its address's once that is refused), or null when nobody is
   * refused yet. A refused invite only turns away new connections: its other members may be honest.
   */
  strike(boardId: string, participant: Participant): StruckMatch | null {
    const overBudget = this.boards.strike(boardId) || this.boards.banned(boardId)
    const { invite, address } = participant
    const key = participantKey(boardId, participant)
    const byParticipant = this.participants.strike(key) || overBudget
    if (byParticipant) this.participants.ban(key)
    if (invite && (this.invites.strike(inviteKey(boardId, invite)) || overBudget)) this.invites.ban(inviteKey(boardId, invite))
    const byAddress = !!address && (this.addresses.strike(address) || overBudget)
    if (byAddress) this.addresses.ban(address!)
    if (!byParticipant && !byAddress) return null
    return (p) => p.id === participant.id || (byAddress && p.address === address)
  }
}

const participantKey = (boardId: string, p: Participant) => `${boardId}\u0000${p.id}`
const inviteKey = (boardId: string, invite: string) => `${boardId}\u0000${invite}`
