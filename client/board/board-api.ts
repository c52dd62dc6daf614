/** One board's HTTP API as the board (and an embed of it) calls it, with the participant's token. */
export interface BoardTarget {
  /** The API's origin; empty for this page's own. */
  server: string
  boardId: string
  token: string
}

export class BoardApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

/** `/api/boards/:id/<path>` on the target's server. */
export const boardApiUrl = (t: BoardTarget, path: string): string =>
  `${t.server.replace(/\/+$/, '')}/api/boards/${encodeURIComponent(t.boardId)}${path ? `/${path}` : ''}`

/** One call; a refusal becomes a BoardApiError carrying the server's `error`. */
export async function boardRequest<T>(t: BoardTarget, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetch(boardApiUrl(t, path), {
      method,
      headers: { authorization: `Bearer ${t.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'omit'
    })
  } catch {
    throw new BoardApiError(0, 'the server cannot be reached')
  }
  const data = (await res.json().catch(() => ({}))) as T & { error?: string }
  if (!res.ok) throw new BoardApiError(res.status, data.error ?? `the server answered ${res.status}`)
  return data
}
