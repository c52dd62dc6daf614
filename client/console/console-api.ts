import type { BoardPatch, BoardView } from '../../shared/api/boards'
import { BOARD_API } from '../../shared/api/routes/board-routes'
import { COMPARE_API } from '../../shared/api/routes/compare-routes'
import { EXCHANGE_API } from '../../shared/api/routes/exchange-routes'
import type { ExportFormat } from '../../shared/exchange/export-map'
import type { ImportFormat } from '../../shared/exchange/import-formats'
import { HISTORY_API } from '../../shared/api/routes/history-routes'
import { ApiClient, ApiError, FileBody, type CallInput } from '../api/api-client'

/** The console's calls to the HTTP API: routes of the shared table (shared/api/routes), through one typed client. */

export { ApiError }

export type { ImportFormat }

export type InviteRequest = NonNullable<CallInput<typeof BOARD_API.invite>['body']>

export class ConsoleApi {
  readonly client: ApiClient

  constructor(readonly token: string) {
    this.client = new ApiClient(token)
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
  importBoard = (file: Blob, format: ImportFormat, title: string) =>
    this.client.call(EXCHANGE_API.importBoard, {
      query: { format, title: title.trim() || undefined },
      body: new FileBody(file, format === 'cxl' ? 'application/xml' : 'application/json')
    })
  snapshots = async (id: string) => (await this.client.call(HISTORY_API.snapshots, { params: { id } })).snapshots
  takeSnapshot = (id: string, name: string) => this.client.call(HISTORY_API.takeSnapshot, { params: { id }, body: { name } })
  sessions = async (id: string) => (await this.client.call(HISTORY_API.sessions, { params: { id } })).sessions
  startSession = (id: string, name: string) => this.client.call(HISTORY_API.startSession, { params: { id }, body: name.trim() ? { name: name.trim() } : {} })
  endSession = (id: string) => this.client.call(HISTORY_API.endSession, { params: { id } })
  /** Boards (or `board:session` entries) side by side, and the propositions in at least k of them. */
  compare = (entries: readonly string[], k: number) => this.client.call(COMPARE_API.compare, { query: { boards: entries.join(','), k } })
  consensusMap = (entries: readonly string[], k: number, format: ExportFormat) =>
    this.client.download(COMPARE_API.exportConsensus, { query: { format, boards: entries.join(','), k } })
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
