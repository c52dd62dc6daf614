import type { Context } from 'hono'

/** The address a request came from (the socket's, never a header a client could write); undefined in app.request() tests. */
export function remoteAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress
}
