import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType } from '../../shared/sync/message-types'

export type SaveState = 'unknown' | 'saving' | 'saved'

/**
 * Tracks whether the server has made this client's changes durable. After the socket opens the
 * client opts in with a lone varuint(100); the server then reports, after each group fsync, how
 * many of the update messages sent on this connection are on disk. Counting happens at the socket
 * (every outgoing sync step 2 or update), which also covers the step 2 the provider sends in reply
 * to the server's step 1, the message that carries edits made while offline.
 */
export class JournalAck {
  /** Update messages sent on the current connection. */
  sent = 0
  /** Of those, how many the server reported durable. */
  acked = 0
  /** Whether this server acknowledges at all (stock servers never do). */
  supported = false
  private socket: WebSocket | null = null

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly onChange: () => void
  ) {
    provider.messageHandlers[MessageType.journalAck] = (_encoder, decoder) => {
      const n = decoding.readVarUint(decoder)
      this.supported = true
      this.acked = Math.max(this.acked, n)
      this.onChange()
    }
    provider.on('status', this.onStatus)
  }

  get state(): SaveState {
    if (!this.supported || !this.provider.wsconnected) return 'unknown'
    return this.acked >= this.sent ? 'saved' : 'saving'
  }

  destroy(): void {
    this.provider.off('status', this.onStatus)
  }

  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status !== 'connected' || !this.provider.ws || this.provider.ws === this.socket) return
    // Emitted from the socket's onopen before the provider sends its sync step 1, so the wrapper
    // is in place before any update can leave.
    const ws = this.provider.ws
    this.socket = ws
    this.sent = 0
    this.acked = 0
    const send = ws.send.bind(ws)
    ws.send = (data: string | ArrayBufferLike | Blob | ArrayBufferView) => {
      if (isUpdateMessage(data)) {
        this.sent++
        this.onChange()
      }
      send(data)
    }
    const optIn = encoding.createEncoder()
    encoding.writeVarUint(optIn, MessageType.journalAck)
    send(encoding.toUint8Array(optIn))
  }
}

/** A sync message (type 0) carrying sync step 2 (1) or an update (2); both are single-byte varuints. */
function isUpdateMessage(data: unknown): boolean {
  let bytes: Uint8Array | null = null
  if (data instanceof Uint8Array) bytes = data
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data)
  else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  return bytes !== null && bytes.length > 1 && bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2)
}
