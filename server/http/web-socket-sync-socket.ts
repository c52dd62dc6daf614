import type { Duplex } from 'node:stream'
import { WebSocket } from 'ws'
import type { SyncSocket } from '../sync/sync-socket'
import type { BinaryFrames } from './binary-frames'

/** ws's send options for every frame we send (one object, not one per send). */
const BINARY = Object.freeze({ binary: true })

/**
 * An accepted ws WebSocket as the sync core sees it. A class, not an object literal per connection:
 * a literal with a getter gets a hidden class of its own each time it is built, so the relay loop's
 * reads of `send` and `bufferedAmount` across a board's sockets went megamorphic (V8's generic
 * property lookup was ~6 % of the server's CPU on a 50-client board).
 */
export class WebSocketSyncSocket implements SyncSocket {
  constructor(
    private readonly ws: WebSocket,
    /** The TCP socket under `ws`: relays write prepared frames to it directly. */
    private readonly raw: Duplex,
    private readonly frames: BinaryFrames,
    private readonly closeWith: (code: number, reason: string) => void
  ) {}

  send(message: Uint8Array): void {
    // The bytes ws would write, framed once per relay rather than once per socket. Safe beside ws's
    // own frames (pings, close): without deflate ws writes each frame synchronously, never holding
    // one back that a direct write could overtake. Once closing, ws handles the send.
    if (this.ws.readyState === WebSocket.OPEN && this.raw.writable) this.raw.write(this.frames.frame(message))
    else this.ws.send(message, BINARY)
  }

  close(code: number, reason: string): void {
    this.closeWith(code, reason)
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount
  }
}
