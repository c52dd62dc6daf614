/** The sync endpoint: the page's origin (or the embed's `server`) with a ws scheme, plus /sync. */
export function wsBase(server?: string | null, origin?: string): string {
  const base = new URL(server || (origin ?? location.origin))
  base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/sync`
}

/**
 * The address y-websocket's provider opens for a board (its `url`: base, room, query), so a socket
 * opened before the provider exists (early-socket.ts) is known for the same one.
 */
export function syncUrl(boardId: string, token: string, server?: string | null, origin?: string): string {
  return `${wsBase(server, origin)}/${boardId}?${encodeURIComponent('token')}=${encodeURIComponent(token)}`
}
