import { ApiClient, ApiError } from '../api/api-client'

/** One board's HTTP API as the board (and an embed of it) calls it, with the participant's token. */
export interface BoardTarget {
  /** The API's origin; empty for this page's own. */
  server: string
  boardId: string
  token: string
}

/** A refused or failed call (its status tells which; 0: the server could not be reached). */
export { ApiError as BoardApiError }

/** The typed client (routes of shared/api/routes) for the target's server, with the participant's token. */
export const boardClient = (t: BoardTarget): ApiClient => new ApiClient(t.token, t.server)

/** `{id}`: the path params of the target's board routes. */
export const boardParams = (t: BoardTarget) => ({ id: t.boardId })
