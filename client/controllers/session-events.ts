import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'

/** The server's opt-in session events: a message type stock clients never send, so never receive. */
export const MESSAGE_SESSION_EVENTS = 101
const SESSION_ENDED = 0

/**
 * Hears from the server when a facilitator ends a session (so the board can ask the pulse). Each
 * time the socket opens the client opts in with a lone varuint(101); the server then sends
 * varuint(101), varuint(0), varString(session id) when a session of this board ends.
 */
export class SessionEvents {
  private provider: WebsocketProvider | null = null

  constructor(private readonly onEnded: (sessionId: string) => void) {}

  bind(provider: WebsocketProvider | null): void {
    if (provider === this.provider) return
    this.provider?.off('status', this.onStatus)
    this.provider = provider
    if (!provider) return
    provider.messageHandlers[MESSAGE_SESSION_EVENTS] = (_encoder, decoder) => {
      if (decoding.readVarUint(decoder) === SESSION_ENDED) this.onEnded(decoding.readVarString(decoder))
    }
    provider.on('status', this.onStatus)
    if (provider.wsconnected) this.optIn()
  }

  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') this.optIn()
  }

  private optIn(): void {
    const ws = this.provider?.ws
    if (!ws || ws.readyState !== ws.OPEN) return
    const message = encoding.createEncoder()
    encoding.writeVarUint(message, MESSAGE_SESSION_EVENTS)
    ws.send(encoding.toUint8Array(message))
  }
}
