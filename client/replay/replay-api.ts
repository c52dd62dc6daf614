import type { HistoryEvent, HistoryPage, MapAt } from '../../shared/api/history'
import { BOARD_API } from '../../shared/api/routes/board-routes'
import { HISTORY_API } from '../../shared/api/routes/history-routes'
import type { BoardSession } from '../../shared/api/sessions'
import type { SnapshotComparison, SnapshotSummary, TakenSnapshot } from '../../shared/api/snapshots'
import { ApiClient } from '../api/api-client'

/** The map at a moment, as the replay page draws it. */
export type ReplayMap = MapAt
export type { SnapshotComparison }

/** The facilitator API the replay page reads, with the page's token: routes of the shared table. */
export class ReplayApi {
  private readonly client: ApiClient
  private readonly params: { id: string }

  constructor(boardId: string, token: string) {
    this.client = new ApiClient(token)
    this.params = { id: boardId }
  }

  board(): Promise<{ id: string; title: string; focusQuestion: string }> {
    return this.client.call(BOARD_API.board, { params: this.params })
  }

  async sessions(): Promise<BoardSession[]> {
    return (await this.client.call(HISTORY_API.sessions, { params: this.params })).sessions
  }

  /** Every event after `after` (all pages), optionally of one session. */
  async events(after = 0, session?: string): Promise<HistoryEvent[]> {
    const out: HistoryEvent[] = []
    let cursor: number | null = after
    while (cursor !== null) {
      const page: HistoryPage = await this.client.call(HISTORY_API.history, { params: this.params, query: { after: cursor, limit: 5000, session } })
      out.push(...page.events)
      cursor = page.next
    }
    return out
  }

  /** Whether a session has any event (a session can be marked and left empty). */
  async hasEvents(session: string): Promise<boolean> {
    return (await this.client.call(HISTORY_API.history, { params: this.params, query: { session, limit: 1 } })).events.length > 0
  }

  map(at: number): Promise<ReplayMap> {
    return this.client.call(HISTORY_API.map, { params: this.params, query: { at: Math.floor(at) } })
  }

  async snapshots(): Promise<SnapshotSummary[]> {
    return (await this.client.call(HISTORY_API.snapshots, { params: this.params })).snapshots
  }

  /** A snapshot now, or of the map at `at` (a moment scrubbed to). */
  takeSnapshot(name: string, at: number | null = null): Promise<TakenSnapshot> {
    return this.client.call(HISTORY_API.takeSnapshot, { params: this.params, body: at === null ? { name } : { name, at: Math.floor(at) } })
  }

  compare(a: string, b: string): Promise<SnapshotComparison> {
    return this.client.call(HISTORY_API.compareSnapshots, { params: this.params, query: { a, b } })
  }

  startSession(name: string): Promise<BoardSession> {
    return this.client.call(HISTORY_API.startSession, { params: this.params, body: { name } })
  }

  endSession(): Promise<BoardSession> {
    return this.client.call(HISTORY_API.endSession, { params: this.params })
  }
}
