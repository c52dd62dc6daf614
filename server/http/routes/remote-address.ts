import type { Context } from 'hono'

/** The address a request came from (the socket's, never a header a client could write); undefined in app.request() tests. */
export function remoteAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress
}

/**
 * The address a request came from as the service should judge it. With `trustProxy` (TRUST_PROXY=1: a
 * reverse proxy in front adds `X-Forwarded-For`), a forwarded request is the client's, whatever socket
 * it came on: the proxy's loopback connection must not make every visitor loopback (`/metrics`). The
 * last address of the header is the one the proxy itself saw (earlier ones are the client's to write).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string | undefined {
  if (!trustProxy || !forwardedFor) return socketAddress
  const hops = forwardedFor.split(',').map((h) => h.trim()).filter(Boolean)
  return hops[hops.length - 1] ?? socketAddress
}

/** `clientAddress` of a Hono request. */
export const requestAddress = (c: Context, trustProxy: boolean | undefined): string | undefined =>
  clientAddress(remoteAddress(c), c.req.header('x-forwarded-for'), trustProxy ?? false)
