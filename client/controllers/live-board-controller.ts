import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { WebsocketProvider } from 'y-websocket'
import type { BringEveryone, LiveBoardState } from '../../shared/sync/board-events'
import { BoardEvents } from './board-events'
import { BoardStateChannel } from './board-state-channel'

/**
 * What the facilitator decided for everyone, as the server last said it (board events): the lock,
 * the timer and the running session, plus the offset of the server's clock from this one.
 */
export class LiveBoardController implements ReactiveController {
  state: LiveBoardState | null = null
  clockOffset = 0
  private readonly events: BoardEvents
  private readonly channel = new BoardStateChannel()

  constructor(
    private readonly host: ReactiveControllerHost,
    handlers: { ended: (sessionId: string) => void; bringEveryone: (message: BringEveryone) => void },
    /** The board these events are of: a lock or session change is announced to this browser's other tabs under it. */
    private readonly boardId: () => string
  ) {
    host.addController(this)
    this.events = new BoardEvents({
      ...handlers,
      state: (state, clockOffset) => {
        const before = this.state
        if (!before || before.locked !== state.locked || before.session?.id !== state.session?.id) this.channel.announce(this.boardId())
        this.state = state
        this.clockOffset = clockOffset
        this.host.requestUpdate()
      }
    })
  }

  /** Whether the board is locked (brand and customer participants read only). */
  get locked(): boolean {
    return this.state?.locked ?? false
  }

  bind(provider: WebsocketProvider | null): void {
    if (!provider) this.state = null
    this.events.bind(provider)
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.events.bind(null)
    this.channel.close()
  }
}
