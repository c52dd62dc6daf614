/**
 * The one thing the sync core needs from a transport: a message-oriented socket. The WebSocket
 * adapter in server/http implements it; tests can drive the core without a network.
 */
export interface SyncSocket {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  /** Bytes accepted by `send` but not yet handed to the network. */
  readonly bufferedAmount: number
}

/** Who is on the other end, as the server authenticated them (never what the client claims). */
export interface Participant {
  id: string
  role: import('../../shared/roles').Role
  name: string | null
  /** The invite it came through: its group link's id when it joined by one (see RebuildGuard). */
  invite?: string | null
  /** Its remote address, when addresses are told apart (not loopback, unless RATE_LIMIT_LOOPBACK). */
  address?: string | null
}

/** What a transport calls on the core for one accepted socket. */
export interface ConnectionHandle {
  receive(message: Uint8Array): void
  /** The transport saw the socket close (for any reason). */
  closed(): void
}
