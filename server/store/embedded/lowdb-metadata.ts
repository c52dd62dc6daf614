import { Low } from 'lowdb'
import { DataFile } from 'lowdb/node'
import type { BallotRecord, BoardRecord, InviteRecord, MetadataStore, ParticipantRecord, PulseRecord, SessionMarkRecord, VoteRoundRecord } from '../metadata'

interface MetadataFile {
  version: 1
  boards: Record<string, BoardRecord>
  invites: Record<string, InviteRecord>
  participants: Record<string, ParticipantRecord>
  /** Added after version 1 files existed: absent in older files. */
  sessions?: Record<string, SessionMarkRecord>
  /** Keyed by `${boardId}/${session}/${participantId}`; absent in older files. */
  pulses?: Record<string, PulseRecord>
  /** Dot-vote rounds by id; absent in older files. */
  voteRounds?: Record<string, VoteRoundRecord>
  /** Keyed by `${roundId}/${participantId}`; absent in older files. */
  ballots?: Record<string, BallotRecord>
}

/** How long a write that had to wait for another one waits again, to gather more changes. */
const GATHER_MS = 20
const gatherDelay = () => new Promise<void>((resolve) => setTimeout(resolve, GATHER_MS))

const TABLES = new Set(['boards', 'invites', 'participants', 'sessions', 'pulses', 'voteRounds', 'ballots'])

/**
 * Stored records are never mutated in place (changes replace the record object), so each record's
 * JSON is cached by identity (`recordJson`, one per store): a rewrite only stringifies the records
 * that changed since the last. The result is exactly JSON.stringify(data).
 */
function serialize(data: MetadataFile, recordJson: WeakMap<object, string>): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue
    if (!TABLES.has(key) || value === null || typeof value !== 'object') {
      parts.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`)
      continue
    }
    const rows: string[] = []
    for (const [id, record] of Object.entries(value as Record<string, unknown>)) {
      if (record === null || typeof record !== 'object') {
        rows.push(`${JSON.stringify(id)}:${JSON.stringify(record)}`)
        continue
      }
      let json = recordJson.get(record)
      if (json === undefined) {
        json = JSON.stringify(record)
        recordJson.set(record, json)
      }
      rows.push(`${JSON.stringify(id)}:${json}`)
    }
    parts.push(`${JSON.stringify(key)}:{${rows.join(',')}}`)
  }
  return `{${parts.join(',')}}`
}

const empty = (): MetadataFile => ({ version: 1, boards: {}, invites: {}, participants: {}, sessions: {}, pulses: {}, voteRounds: {}, ballots: {} })

/** lowdb keeps the whole file in memory and rewrites it atomically (write, then rename) on change. */
export async function openLowdbMetadata(path: string): Promise<MetadataStore> {
  // Not lowdb's JSONFilePreset: it silently keeps everything in memory when NODE_ENV is "test".
  // Compact JSON: the whole file is rewritten on every change, and indentation doubles that work.
  const recordJson = new WeakMap<object, string>()
  const db = new Low<MetadataFile>(new DataFile<MetadataFile>(path, { parse: JSON.parse, stringify: (data) => serialize(data, recordJson) }), empty())
  await db.read()
  const data = db.data
  const sessions = (data.sessions ??= {})
  const pulses = (data.pulses ??= {})
  const voteRounds = (data.voteRounds ??= {})
  const ballots = (data.ballots ??= {})
  const copy = <T>(v: T | undefined): T | null => (v === undefined ? null : structuredClone(v))

  // Every write rewrites the whole file, so writes are coalesced: while one is in flight, all
  // changes made meanwhile (and in a short gathering delay after it) share the single write that
  // follows it. Each caller's promise still settles only once a write that includes its change has
  // finished (or failed). An uncontended write starts at once.
  let inFlight: Promise<void> | null = null
  let queued: Promise<void> | null = null
  const noop = () => {}
  function persist(): Promise<void> {
    if (queued) return queued
    if (inFlight) {
      queued = inFlight.then(noop, noop).then(gatherDelay).then(() => {
        queued = null
        return persist()
      })
      return queued
    }
    const write = db.write()
    inFlight = write
    const clear = () => {
      if (inFlight === write) inFlight = null
    }
    write.then(clear, clear)
    return write
  }

  async function patchRecord<T extends { id: string }>(
    table: Record<string, T>,
    id: string,
    patch: Partial<Omit<T, 'id'>>
  ): Promise<T | null> {
    const current = Object.hasOwn(table, id) ? table[id] : undefined
    if (!current) return null
    table[id] = { ...current, ...patch, id }
    await persist()
    return copy(table[id])
  }

  return {
    async createBoard(board) {
      data.boards[board.id] = structuredClone(board)
      await persist()
    },
    async getBoard(id) {
      return copy(Object.hasOwn(data.boards, id) ? data.boards[id] : undefined)
    },
    async listBoards() {
      return Object.values(data.boards).map((b) => structuredClone(b))
    },
    updateBoard: (id, patch) => patchRecord<BoardRecord>(data.boards, id, patch),
    async createInvite(invite) {
      data.invites[invite.id] = structuredClone(invite)
      await persist()
    },
    async getInvite(id) {
      return copy(Object.hasOwn(data.invites, id) ? data.invites[id] : undefined)
    },
    updateInvite: (id, patch) => patchRecord<InviteRecord>(data.invites, id, patch),
    async listInvites(boardId) {
      return Object.values(data.invites)
        .filter((i) => i.boardId === boardId)
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((i) => structuredClone(i))
    },
    async findInviteByCode(code) {
      return copy(Object.values(data.invites).find((i) => i.code === code))
    },
    async createParticipant(participant) {
      data.participants[participant.id] = structuredClone(participant)
      await persist()
    },
    async getParticipant(id) {
      return copy(Object.hasOwn(data.participants, id) ? data.participants[id] : undefined)
    },
    async listParticipants(boardId) {
      return Object.values(data.participants)
        .filter((p) => p.boardId === boardId)
        .map((p) => structuredClone(p))
    },
    updateParticipant: (id, patch) => patchRecord<ParticipantRecord>(data.participants, id, patch),
    async createSessionMark(mark) {
      sessions[mark.id] = structuredClone(mark)
      await persist()
    },
    async listSessionMarks(boardId) {
      return Object.values(sessions)
        .filter((m) => m.boardId === boardId)
        .sort((a, b) => a.startedAt - b.startedAt)
        .map((m) => structuredClone(m))
    },
    updateSessionMark: (id, patch) => patchRecord<SessionMarkRecord>(sessions, id, patch),
    async recordPulse(pulse, options) {
      const key = `${pulse.boardId}/${pulse.session}/${pulse.participantId}`
      // Checked and written without an await in between: one process, so nothing interleaves.
      const earlier = key in pulses
      if (earlier && options?.keepEarlier) return 'kept'
      // Delete first so the replacement moves to the end: the table keeps the order recorded.
      delete pulses[key]
      pulses[key] = structuredClone(pulse)
      await persist()
      return earlier ? 'replaced' : 'recorded'
    },
    async listPulses(boardId) {
      return Object.values(pulses)
        .filter((p) => p.boardId === boardId)
        .map((p) => structuredClone(p))
    },
    // Each check-and-write below runs without an await in between: one process, so nothing interleaves.
    async openVoteRound(round) {
      if (Object.values(voteRounds).some((r) => r.boardId === round.boardId && r.closedAt === null)) return false
      voteRounds[round.id] = structuredClone(round)
      await persist()
      return true
    },
    async listVoteRounds(boardId) {
      return Object.values(voteRounds)
        .filter((r) => r.boardId === boardId)
        .sort((a, b) => a.openedAt - b.openedAt)
        .map((r) => structuredClone(r))
    },
    async closeVoteRound(boardId, id, closedAt) {
      const current = Object.hasOwn(voteRounds, id) ? voteRounds[id] : undefined
      if (!current || current.boardId !== boardId) return null
      if (current.closedAt !== null) return structuredClone(current)
      return patchRecord<VoteRoundRecord>(voteRounds, id, { closedAt })
    },
    async castBallot(ballot) {
      const round = Object.hasOwn(voteRounds, ballot.roundId) ? voteRounds[ballot.roundId] : undefined
      if (!round || round.boardId !== ballot.boardId) return 'missing'
      if (round.closedAt !== null) return 'closed'
      const key = `${ballot.roundId}/${ballot.participantId}`
      delete ballots[key]
      ballots[key] = structuredClone(ballot)
      await persist()
      return 'cast'
    },
    async listBallots(boardId) {
      return Object.values(ballots)
        .filter((b) => b.boardId === boardId)
        .map((b) => structuredClone(b))
    },
    async close() {
      await persist()
    }
  }
}
