import { randomUUID } from 'node:crypto'

/** What an incoming X-Request-Id may look like to be kept: short, and nothing a log or header could choke on. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,63}$/

/** A caller's request id when it is sane (so a proxy's id follows the request through), else a new one. */
export function requestIdFrom(incoming: string | undefined | null, generate: () => string = randomUUID): string {
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : generate()
}

/** A WebSocket connection's id, carried on every log line about that connection. */
export function newConnectionId(): string {
  return randomUUID()
}
