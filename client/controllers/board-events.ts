import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType } from '../../shared/sync/message-types'
import { BoardEventKind, isMapView, type BringEveryone, type LiveBoardState } from '../../shared/sync/board-events'

export interface BoardEventHandlers {
  /** A facilitator ended a session (the board asks the pulse). */
  ended(sessionId: string): void
  /** The board's lock, timer or running session, as the server has them now. */
  state(state: LiveBoardState, clockOffset: number): void
  /** A facilitator brings every view to theirs. */
  bringEveryone(message: BringEveryone): void
}

/**
 * Hears the board events of docs/api.md: each time the socket opens the client opts in with a lone
 * varuint(101); the server then sends varuint(101), varuint(kind), varString(payload). The state's
 * `now` gives the offset between the server's clock and this one (`clockOffset`, ms to add to
 * Date.now()), so a countdown reads the same on every screen.
 */
export class BoardEvents {
  private provider: WebsocketProvider | null = null

  constructor(private readonly handlers: BoardEventHandlers) {}

  bind(provider: WebsocketProvider | null): void {
    if (provider === this.provider) return
    this.provider?.off('status', this.onStatus)
    this.provider = provider
    if (!provider) return
    provider.messageHandlers[MessageType.boardEvents] = (_encoder, decoder) => this.receive(decoder)
    provider.on('status', this.onStatus)
    if (provider.wsconnected) this.optIn()
  }

  private receive(decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder)
    const payload = decoding.readVarString(decoder)
    if (kind === BoardEventKind.sessionEnded) return this.handlers.ended(payload)
    const value = parse(payload)
    if (kind === BoardEventKind.state && isLiveState(value)) return this.handlers.state(value, value.now - Date.now())
    if (kind === BoardEventKind.bringEveryone && isBringEveryone(value)) return this.handlers.bringEveryone(value)
    // Anything else is from a newer server: ignored.
  }

  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') this.optIn()
  }

  private optIn(): void {
    const ws = this.provider?.ws
    if (!ws || ws.readyState !== ws.OPEN) return
    const message = encoding.createEncoder()
    encoding.writeVarUint(message, MessageType.boardEvents)
    ws.send(encoding.toUint8Array(message))
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function isLiveState(v: unknown): v is LiveBoardState {
  const s = v as Partial<LiveBoardState> | null
  return typeof s === 'object' && s !== null && typeof s.locked === 'boolean' && typeof s.now === 'number'
}

function isBringEveryone(v: unknown): v is BringEveryone {
  const b = v as Partial<BringEveryone> | null
  return typeof b === 'object' && b !== null && isMapView(b.view) && typeof b.by === 'object' && b.by !== null
}
