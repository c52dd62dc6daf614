import type { IssuedInvite, InviteSummary, Me, OnlinePerson, ParticipantSummary } from '../../shared/api/access'
import type { BoardPatch, BoardView, ImportedBoard } from '../../shared/api/boards'
import type { BoardSession } from '../../shared/api/sessions'
import type { SnapshotSummary } from '../../shared/api/snapshots'
import type { Role } from '../../shared/roles'

/** The console's calls to the HTTP API; the shapes are shared/api's, as the server builds them. */

export type ImportFormat = 'cxl' | 'json'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

export class ConsoleApi {
  constructor(readonly token: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.send<T>(method, path, body === undefined ? null : JSON.stringify(body), body === undefined ? null : 'application/json')
  }

  /** One request with a raw body (a file, or JSON already serialized); errors as ApiError carrying the server's `error`. */
  async send<T>(method: string, path: string, body: BodyInit | null, contentType: string | null): Promise<T> {
    let res: Response
    try {
      res = await fetch(path, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(contentType ? { 'content-type': contentType } : {}) },
        body,
        credentials: 'omit'
      })
    } catch {
      throw new ApiError(0, 'The server cannot be reached.')
    }
    const data = (await res.json().catch(() => ({}))) as T & { error?: string }
    if (!res.ok) throw new ApiError(res.status, data.error ?? `request failed (${res.status})`)
    return data
  }

  me = () => this.request<Me>('GET', '/api/me')
  boards = async () => (await this.request<{ boards: BoardView[] }>('GET', '/api/boards')).boards
  createBoard = (title: string, focusQuestion: string) => this.request<BoardView>('POST', '/api/boards', { title, focusQuestion })
  patchBoard = (id: string, patch: BoardPatch) => this.request<BoardView>('PATCH', `/api/boards/${encodeURIComponent(id)}`, patch)
  invite = (id: string, body: { role: Role; name?: string; group?: boolean; label?: string; ttlSeconds?: number }) =>
    this.request<IssuedInvite>('POST', `/api/boards/${encodeURIComponent(id)}/invites`, body)
  invites = async (id: string) => (await this.request<{ invites: InviteSummary[] }>('GET', `/api/boards/${encodeURIComponent(id)}/invites`)).invites
  revokeInvite = (id: string, inviteId: string) =>
    this.request<unknown>('POST', `/api/boards/${encodeURIComponent(id)}/invites/${encodeURIComponent(inviteId)}/revoke`)
  people = (id: string) =>
    this.request<{ participants: ParticipantSummary[]; online: OnlinePerson[] }>('GET', `/api/boards/${encodeURIComponent(id)}/participants`)
  revokeParticipant = (id: string, participantId: string) =>
    this.request<unknown>('POST', `/api/boards/${encodeURIComponent(id)}/participants/${encodeURIComponent(participantId)}/revoke`)
  /** A new board from a CXL or JSON file's bytes (admin only). */
  importBoard = (file: Blob, format: ImportFormat, title: string) => {
    const query = new URLSearchParams({ format })
    if (title.trim()) query.set('title', title.trim())
    return this.send<ImportedBoard>('POST', `/api/boards/import?${query}`, file, format === 'cxl' ? 'application/xml' : 'application/json')
  }
  snapshots = async (id: string) =>
    (await this.request<{ snapshots: SnapshotSummary[] }>('GET', `/api/boards/${encodeURIComponent(id)}/snapshots`)).snapshots
  takeSnapshot = (id: string, name: string) => this.request<SnapshotSummary>('POST', `/api/boards/${encodeURIComponent(id)}/snapshots`, { name })
  sessions = async (id: string) =>
    (await this.request<{ sessions: BoardSession[] }>('GET', `/api/boards/${encodeURIComponent(id)}/sessions`)).sessions
  startSession = (id: string, name: string) =>
    this.request<BoardSession>('POST', `/api/boards/${encodeURIComponent(id)}/sessions/start`, name.trim() ? { name: name.trim() } : {})
  endSession = (id: string) => this.request<BoardSession>('POST', `/api/boards/${encodeURIComponent(id)}/sessions/end`)
}

/** The token in what someone pasted: a bare token, an invite link (?token=) or a console link (#token=). */
export function tokenFrom(text: string): string {
  const t = text.trim()
  try {
    const url = new URL(t)
    const fromQuery = url.searchParams.get('token')
    if (fromQuery) return fromQuery
    const fromHash = new URLSearchParams(url.hash.slice(1)).get('token')
    if (fromHash) return fromHash
  } catch {
    // Not a URL: a bare token.
  }
  return t
}

/**
 * How a console panel reports a failed call: an expired or revoked token signs the console out (the
 * panel asks its host with `cg-unauthorized`); anything else becomes the message the panel shows.
 * Returns null when the console is signing out.
 */
export function failureMessage(panel: HTMLElement, err: unknown): string | null {
  if (err instanceof ApiError && err.status === 401) {
    panel.dispatchEvent(new CustomEvent('cg-unauthorized', { bubbles: true, composed: true }))
    return null
  }
  return err instanceof Error ? err.message : 'Something went wrong.'
}
