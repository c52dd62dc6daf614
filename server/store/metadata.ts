import type { BoardView } from '../../shared/api/boards'
import type { BoardTimer } from '../../shared/sync/board-events'
import type { Role } from '../../shared/roles'

/** Boards, people and invites: small records, read often, written rarely. A board is what the API shows of it, less its URL. */
export interface BoardRecord extends Omit<BoardView, 'url'> {
  /** The countdown a facilitator started for everyone (absent or null: none). */
  timer?: BoardTimer | null
}

export interface ParticipantRecord {
  id: string
  boardId: string
  role: Role
  name: string | null
  createdAt: number
  /** The invite the participant joined through. */
  inviteId: string
  revokedAt: number | null
  /** When an authenticated sync connection was first accepted (metrics count participants from then). */
  firstConnectedAt: number | null
}

export interface InviteRecord {
  id: string
  boardId: string
  role: Role
  name: string | null
  createdAt: number
  expiresAt: number
  revokedAt: number | null
  /** A group link ("customers of partner X"): it cannot sync; each person joins through it with a name. */
  group?: boolean
  /** What a group link is for, shown to the people joining through it. */
  label?: string | null
  /** The group link a personal invite was issued through (POST /api/join). */
  groupInviteId?: string | null
  /** A group link's short join code (`/j/CODE`), unique among invites; it lives as long as the link. */
  code?: string
}

/** A session a facilitator marked: from its start to its end (null while it runs). */
export interface SessionMarkRecord {
  id: string
  boardId: string
  name: string
  startedAt: number
  endedAt: number | null
}

/** What recordPulse did: a first set for the session, one replacing the earlier, or none (the earlier kept). */
export type PulseWrite = 'recorded' | 'replaced' | 'kept'

/** One participant's pulse answers for one session; items are integers 1–5, or null when refused. */
export interface PulseRecord {
  boardId: string
  participantId: string
  /** The session id (a marked session's id, or `auto-<start>` for one found from activity). */
  session: string
  /** Epoch ms the answer set was recorded. */
  at: number
  understood: number | null
  learned: number | null
  represents: number | null
}

/** A dot-vote round a facilitator opened (contract: "Facilitating live"); at most one open per board. */
export interface VoteRoundRecord {
  id: string
  boardId: string
  name: string
  /** Dots each brand or customer participant may place, 1–10. */
  dots: number
  openedAt: number
  /** null while the round is open. */
  closedAt: number | null
}

/** One participant's dots in a round; a later ballot replaces the earlier one. */
export interface BallotRecord {
  boardId: string
  roundId: string
  participantId: string
  /** Epoch ms the ballot was cast. */
  at: number
  /** Dots per concept id (positive integers; concepts without dots are left out). */
  dots: Record<string, number>
}

export type BallotOutcome = 'cast' | 'closed' | 'missing'

export interface MetadataStore {
  createBoard(board: BoardRecord): Promise<void>
  getBoard(id: string): Promise<BoardRecord | null>
  listBoards(): Promise<BoardRecord[]>
  updateBoard(id: string, patch: Partial<Omit<BoardRecord, 'id'>>): Promise<BoardRecord | null>
  createInvite(invite: InviteRecord): Promise<void>
  getInvite(id: string): Promise<InviteRecord | null>
  updateInvite(id: string, patch: Partial<Omit<InviteRecord, 'id'>>): Promise<InviteRecord | null>
  /** A board's invites (personal, group, and those issued through group links), oldest first. */
  listInvites(boardId: string): Promise<InviteRecord[]>
  /** The invite holding a join code (any board), or null. */
  findInviteByCode(code: string): Promise<InviteRecord | null>
  createParticipant(participant: ParticipantRecord): Promise<void>
  getParticipant(id: string): Promise<ParticipantRecord | null>
  listParticipants(boardId: string): Promise<ParticipantRecord[]>
  updateParticipant(id: string, patch: Partial<Omit<ParticipantRecord, 'id'>>): Promise<ParticipantRecord | null>
  createSessionMark(mark: SessionMarkRecord): Promise<void>
  /** A board's marked sessions, by start time. */
  listSessionMarks(boardId: string): Promise<SessionMarkRecord[]>
  updateSessionMark(id: string, patch: Partial<Omit<SessionMarkRecord, 'id' | 'boardId'>>): Promise<SessionMarkRecord | null>
  /**
   * Records a pulse answer set, replacing the participant's earlier one for the same session
   * ('replaced'), or with `keepEarlier` leaving an earlier one as it is ('kept', nothing written).
   * The check and the write are one step: two answers sent at once cannot both find no earlier one.
   */
  recordPulse(pulse: PulseRecord, options?: { keepEarlier?: boolean }): Promise<PulseWrite>
  /** A board's pulse answer sets (the latest per participant and session), in the order recorded. */
  listPulses(boardId: string): Promise<PulseRecord[]>
  /** Opens a round, unless another round of the board is open (then false, and nothing is stored). */
  openVoteRound(round: VoteRoundRecord): Promise<boolean>
  /** A board's vote rounds, oldest first. */
  listVoteRounds(boardId: string): Promise<VoteRoundRecord[]>
  /** Closes the board's round at `closedAt` if it is open; the round as it now stands, or null if the board has none by that id. */
  closeVoteRound(boardId: string, id: string, closedAt: number): Promise<VoteRoundRecord | null>
  /**
   * Records a ballot, replacing the participant's earlier one in the round, only while the round is
   * open (checked in the same step as the write, so a ballot never lands after the close).
   */
  castBallot(ballot: BallotRecord): Promise<BallotOutcome>
  /** A board's ballots (the latest per participant and round), in the order cast. */
  listBallots(boardId: string): Promise<BallotRecord[]>
  close(): Promise<void>
}
