import { newId } from '../new-id'
import type { HistoryService } from '../history/history-service'
import type { MetadataStore, SessionMarkRecord } from '../store/metadata'
import type { BoardSession } from '../../shared/api/sessions'
import { deriveSessions } from './derive-sessions'

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
  private readonly changeListeners: Array<(boardId: string) => void> = []

  constructor(private readonly options: SessionServiceOptions) {}

  get gapMs(): number {
    return this.options.gapMs
  }

  /** Called when a facilitator ends a session (the snapshot service takes its session-end snapshot). */
  onEnded(listener: (boardId: string, session: BoardSession) => void): void {
    this.endListeners.push(listener)
  }

  /** Called when a marked session starts or ends (open boards show the running session). */
  onChanged(listener: (boardId: string) => void): void {
    this.changeListeners.push(listener)
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
    for (const listener of this.changeListeners) listener(boardId)
    return { id: mark.id, name: mark.name, kind: 'marked', start: at, end: at, open: true }
  }

  /**
   * Ends the session people are in: the running marked session, else the stretch of activity since
   * the last marked session ended (found from activity, it becomes a marked session from its first
   * edit to now), so that the pulse, replay and report cover the work just done. Nothing to end
   * (no session running, no activity since the last one) is a conflict.
   */
  async end(boardId: string): Promise<BoardSession> {
    const marks = await this.options.metadata.listSessionMarks(boardId)
    const now = this.options.now()
    let mark = marks.find((m) => m.endedAt === null)
    if (mark) {
      mark = { ...mark, endedAt: Math.max(now, mark.startedAt) }
      await this.options.metadata.updateSessionMark(mark.id, { endedAt: mark.endedAt })
    } else {
      const stretch = await this.unmarkedStretch(boardId, marks)
      if (!stretch) throw new SessionConflictError('no session is running, and nothing happened since the last one ended')
      mark = { id: newId(), boardId, name: `Session ${marks.length + 1}`, startedAt: stretch.start, endedAt: Math.max(now, stretch.end) }
      await this.options.metadata.createSessionMark(mark)
    }
    const session: BoardSession = { id: mark.id, name: mark.name, kind: 'marked', start: mark.startedAt, end: mark.endedAt!, open: false }
    for (const listener of this.endListeners) listener(boardId, session)
    for (const listener of this.changeListeners) listener(boardId)
    return session
  }

  /** The latest stretch of activity after every marked session, or null. */
  private async unmarkedStretch(boardId: string, marks: readonly SessionMarkRecord[]): Promise<BoardSession | null> {
    const lastEnd = Math.max(-Infinity, ...marks.map((m) => m.endedAt ?? Infinity))
    const stretches = (await this.list(boardId)).filter((s) => s.kind === 'activity' && s.start > lastEnd)
    return stretches.at(-1) ?? null
  }
}
