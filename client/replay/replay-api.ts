import type { SnapshotSummary } from '../../shared/api/snapshots'
import type { BoardSession } from '../../shared/api/sessions'
import type { ReplayEvent } from './replay-model'

export interface ReplayMap {
  at: number
  title: string
  focusQuestion: string
  concepts: Array<{ id: string; label: string; x: number; y: number; w?: number; h?: number; color?: string }>
  links: Array<{ id: string; from: string; to: string; label: string }>
}

interface PropositionView {
  id: string
  sentence: string
}

export interface SnapshotComparison {
  a: SnapshotSummary
  b: SnapshotSummary
  changes: {
    concepts: {
      added: Array<{ id: string; label: string }>
      removed: Array<{ id: string; label: string }>
      relabelled: Array<{ id: string; before: string; after: string }>
    }
    propositions: {
      added: PropositionView[]
      removed: PropositionView[]
      relabelled: Array<{ id: string; before: PropositionView; after: PropositionView }>
      reconnected: Array<{ id: string; before: PropositionView; after: PropositionView }>
    }
  }
}

/** The facilitator API the replay page reads, with the page's token. */
export class ReplayApi {
  constructor(
    private readonly boardId: string,
    private readonly token: string
  ) {}

  private async get<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` }
    if (init.body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(`/api/boards/${encodeURIComponent(this.boardId)}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body)
    })
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string }
      throw new Error(body.error ?? `request failed (${res.status})`)
    }
    return (await res.json()) as T
  }

  board(): Promise<{ id: string; title: string; focusQuestion: string }> {
    return this.get('')
  }

  async sessions(): Promise<BoardSession[]> {
    return (await this.get<{ sessions: BoardSession[] }>('/sessions')).sessions
  }

  /** Every event after `after` (all pages), optionally of one session. */
  async events(after = 0, session?: string): Promise<ReplayEvent[]> {
    const out: ReplayEvent[] = []
    let cursor: number | null = after
    while (cursor !== null) {
      const q = new URLSearchParams({ after: String(cursor), limit: '5000' })
      if (session) q.set('session', session)
      const page: { events: ReplayEvent[]; next: number | null } = await this.get(`/history?${q}`)
      out.push(...page.events)
      cursor = page.next
    }
    return out
  }

  /** Whether a session has any event (a session can be marked and left empty). */
  async hasEvents(session: string): Promise<boolean> {
    const q = new URLSearchParams({ session, limit: '1' })
    return (await this.get<{ events: ReplayEvent[] }>(`/history?${q}`)).events.length > 0
  }

  map(at: number): Promise<ReplayMap> {
    return this.get(`/map?at=${Math.floor(at)}`)
  }

  async snapshots(): Promise<SnapshotSummary[]> {
    return (await this.get<{ snapshots: SnapshotSummary[] }>('/snapshots')).snapshots
  }

  /** A snapshot now, or of the map at `at` (a moment scrubbed to). */
  takeSnapshot(name: string, at: number | null = null): Promise<SnapshotSummary> {
    return this.get('/snapshots', { method: 'POST', body: at === null ? { name } : { name, at: Math.floor(at) } })
  }

  compare(a: string, b: string): Promise<SnapshotComparison> {
    return this.get(`/snapshots/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`)
  }

  startSession(name: string): Promise<BoardSession> {
    return this.get('/sessions/start', { method: 'POST', body: { name } })
  }

  endSession(): Promise<BoardSession> {
    return this.get('/sessions/end', { method: 'POST', body: {} })
  }
}
