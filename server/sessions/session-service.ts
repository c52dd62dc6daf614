import { newId } from '../auth/access'
import type { HistoryService } from '../history/history-service'
import type { MetadataStore, SessionMarkRecord } from '../store/metadata'
import { deriveSessions, type BoardSession } from './derive-sessions'

export class SessionConflictError extends Error {
  override name = 'SessionConflictError'
}

export interface SessionServiceOptions {
  metadata: MetadataStore
  history: HistoryService
  now: () => number
  /** Quiet that ends a session found from activity. */
  gapMs: number
}

/** Marked sessions (start/end by a facilitator) and sessions found from activity, per board. */
export class SessionService {
  private readonly endListeners: Array<(boardId: string, session: BoardSession) => void> = []

  constructor(private readonly options: SessionServiceOptions) {}

  get gapMs(): number {
    return this.options.gapMs
  }

  /** Called when a facilitator ends a session (the snapshot service takes its session-end snapshot). */
  onEnded(listener: (boardId: string, session: BoardSession) => void): void {
    this.endListeners.push(listener)
  }

  async list(boardId: string): Promise<BoardSession[]> {
    const [marks, times] = await Promise.all([
      this.options.metadata.listSessionMarks(boardId),
      this.options.history.activityTimes(boardId)
    ])
    return deriveSessions(marks, times, this.options.gapMs, this.options.now())
  }

  async get(boardId: string, id: string): Promise<BoardSession | null> {
    return (await this.list(boardId)).find((s) => s.id === id) ?? null
  }

  /** Marks a session's start now; only one marked session runs at a time. */
  async start(boardId: string, name: string): Promise<BoardSession> {
    const marks = await this.options.metadata.listSessionMarks(boardId)
    if (marks.some((m) => m.endedAt === null)) throw new SessionConflictError('a session is already running')
    const at = this.options.now()
    const mark: SessionMarkRecord = { id: newId(), boardId, name: name || `Session ${marks.length + 1}`, startedAt: at, endedAt: null }
    await this.options.metadata.createSessionMark(mark)
    return { id: mark.id, name: mark.name, kind: 'marked', start: at, end: at, open: true }
  }

  /** Marks the running session's end now. */
  async end(boardId: string): Promise<BoardSession> {
    const running = (await this.options.metadata.listSessionMarks(boardId)).find((m) => m.endedAt === null)
    if (!running) throw new SessionConflictError('no session is running')
    const at = Math.max(this.options.now(), running.startedAt)
    await this.options.metadata.updateSessionMark(running.id, { endedAt: at })
    const session: BoardSession = { id: running.id, name: running.name, kind: 'marked', start: running.startedAt, end: at, open: false }
    for (const listener of this.endListeners) listener(boardId, session)
    return session
  }
}
