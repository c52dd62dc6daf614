import type { BoardPatch, BoardView, ImportedBoard } from '../../shared/api/boards'
import { BOARD_API } from '../../shared/api/routes/board-routes'
import type { BoardSession } from '../../shared/api/sessions'
import type { SnapshotSummary } from '../../shared/api/snapshots'
import { ApiClient, ApiError, type CallInput } from '../api/api-client'

/** The console's calls to the HTTP API: routes of the shared table (shared/api/routes), through one typed client. */

export { ApiError }

export type ImportFormat = 'cxl' | 'json'

export type InviteRequest = NonNullable<CallInput<typeof BOARD_API.invite>['body']>

export class ConsoleApi {
  readonly client: ApiClient

  constructor(readonly token: string) {
    this.client = new ApiClient(token)
  }

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

  me = () => this.client.call(BOARD_API.me)
  boards = async () => (await this.client.call(BOARD_API.listBoards)).boards
  createBoard = (title: string, focusQuestion: string) => this.client.call(BOARD_API.createBoard, { body: { title, focusQuestion } })
  patchBoard = (id: string, patch: BoardPatch) => this.client.call(BOARD_API.patchBoard, { params: { id }, body: patch }) as Promise<BoardView>
  invite = (id: string, body: InviteRequest) => this.client.call(BOARD_API.invite, { params: { id }, body })
  invites = async (id: string) => (await this.client.call(BOARD_API.invites, { params: { id } })).invites
  revokeInvite = (id: string, inviteId: string) => this.client.call(BOARD_API.revokeInvite, { params: { id, iid: inviteId } })
  people = (id: string) => this.client.call(BOARD_API.participants, { params: { id } })
  revokeParticipant = (id: string, participantId: string) => this.client.call(BOARD_API.revokeParticipant, { params: { id, pid: participantId } })
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
