/**
 * WebSocket close codes of the public contract. Stock y-websocket clients treat 4400–4499 as final
 * and reconnect on everything else, so each code also says whether retrying can help.
 */
export const CloseCode = {
  /** A frame over the size cap. */
  tooBig: 1009,
  /** The server is restarting. */
  restarting: 1012,
  /** Overload or a rate limit: retry later. */
  tryAgainLater: 1013,
  /** A malformed message or an update Yjs cannot apply. */
  malformed: 4400,
  /** Missing, bad, expired or revoked token. */
  unauthorized: 4401,
  /** Origin not allowed, or the board was archived. */
  forbidden: 4403,
  /** No such board. */
  notFound: 4404,
  /** One update holds more structs than a board takes in at once (resending it cannot help). */
  updateTooLarge: 4413,
  /** The board's journal cannot be read or written right now. */
  storageUnavailable: 4503
} as const

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]
