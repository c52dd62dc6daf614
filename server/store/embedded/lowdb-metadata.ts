import { Low } from 'lowdb'
import { DataFile } from 'lowdb/node'
import type { BoardRecord, InviteRecord, MetadataStore, ParticipantRecord, SessionMarkRecord } from '../metadata'

interface MetadataFile {
  version: 1
  boards: Record<string, BoardRecord>
  invites: Record<string, InviteRecord>
  participants: Record<string, ParticipantRecord>
  /** Added after version 1 files existed: absent in older files. */
  sessions?: Record<string, SessionMarkRecord>
}

const empty = (): MetadataFile => ({ version: 1, boards: {}, invites: {}, participants: {}, sessions: {} })

/** lowdb keeps the whole file in memory and rewrites it atomically (write, then rename) on change. */
export async function openLowdbMetadata(path: string): Promise<MetadataStore> {
  // Not lowdb's JSONFilePreset: it silently keeps everything in memory when NODE_ENV is "test".
  // Compact JSON: the whole file is rewritten on every change, and indentation doubles that work.
  const db = new Low<MetadataFile>(new DataFile<MetadataFile>(path, { parse: JSON.parse, stringify: (d) => JSON.stringify(d) }), empty())
  await db.read()
  const data = db.data
  const sessions = (data.sessions ??= {})
  const copy = <T>(v: T | undefined): T | null => (v === undefined ? null : structuredClone(v))

  async function patchRecord<T extends { id: string }>(
    table: Record<string, T>,
    id: string,
    patch: Partial<Omit<T, 'id'>>
  ): Promise<T | null> {
    const current = Object.hasOwn(table, id) ? table[id] : undefined
    if (!current) return null
    table[id] = { ...current, ...patch, id }
    await db.write()
    return copy(table[id])
  }

  return {
    async createBoard(board) {
      data.boards[board.id] = structuredClone(board)
      await db.write()
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
      await db.write()
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
    async createParticipant(participant) {
      data.participants[participant.id] = structuredClone(participant)
      await db.write()
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
      await db.write()
    },
    async listSessionMarks(boardId) {
      return Object.values(sessions)
        .filter((m) => m.boardId === boardId)
        .sort((a, b) => a.startedAt - b.startedAt)
        .map((m) => structuredClone(m))
    },
    updateSessionMark: (id, patch) => patchRecord<SessionMarkRecord>(sessions, id, patch),
    async close() {
      await db.write()
    }
  }
}
