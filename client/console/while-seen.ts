import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { BoardStateChannel } from '../controllers/board-state-channel'

/**
 * Keeps a console part current while the facilitator can see it: calls `refresh` every `everyMs`
 * while the page is visible, at once when the page comes back into view, and at once when a board's
 * page in another tab of this browser announces a lock or session change that `concerns` this part
 * (a facilitator who locks the board on its own page sees the console say so in the same moment).
 */
export class WhileSeen implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | null = null
  /** The first showing needs no refresh: the part loads its data itself when it gets it. */
  private seenBefore = false
  private readonly channel = new BoardStateChannel()
  private unlisten: (() => void) | null = null

  constructor(
    host: ReactiveControllerHost,
    private readonly refresh: () => void,
    private readonly everyMs: number,
    /** Whether a change announced for this board id is one this part shows; absent: none is. */
    private readonly concerns: ((boardId: string) => boolean) | null = null
  ) {
    host.addController(this)
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility)
    this.onVisibility()
    const concerns = this.concerns
    if (concerns) {
      this.unlisten = this.channel.listen((boardId) => {
        if (document.visibilityState === 'visible' && concerns(boardId)) this.refresh()
      })
    }
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility)
    this.stop()
    this.unlisten?.()
    this.unlisten = null
    this.channel.close()
  }

  private readonly onVisibility = (): void => {
    this.stop()
    if (document.visibilityState !== 'visible') return
    if (this.seenBefore) this.refresh()
    this.seenBefore = true
    this.timer = setInterval(this.refresh, this.everyMs)
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
