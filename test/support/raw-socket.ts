import WebSocket from 'ws'

export interface RawSocket {
  ws: WebSocket
  messages: Uint8Array[]
  closed: Promise<{ code: number | string; reason: string }>
  opened: Promise<void>
}

/** A bare WebSocket, for saying things a well-behaved client never would. */
export function rawSocket(url: string, options: WebSocket.ClientOptions = {}): RawSocket {
  const ws = new WebSocket(url, options)
  const messages: Uint8Array[] = []
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)))
  ws.on('error', () => {})
  // A refused handshake counts as a close with code `http:<status>`, so callers can await either.
  const closed = new Promise<{ code: number | string; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    ws.once('unexpected-response', (_req, res) => {
      resolve({ code: `http:${res.statusCode}`, reason: '' })
      ws.terminate()
    })
  })
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    closed.then((c) => reject(new Error(`closed before open: ${c.code}`)))
  })
  opened.catch(() => {})
  return { ws, messages, closed, opened }
}

export const syncUrl = (wsUrl: string, boardId: string, token?: string) =>
  `${wsUrl}/${encodeURIComponent(boardId)}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`
