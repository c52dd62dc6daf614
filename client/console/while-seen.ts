import type { ReactiveController, ReactiveControllerHost } from 'lit'

/**
 * Keeps a console part current while the facilitator can see it: calls `refresh` every `everyMs`
 * while the page is visible, and at once when the page comes back into view (a facilitator who
 * started a session or locked the board from the board's tab finds the console saying so).
 */
export class WhileSeen implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | null = null
  /** The first showing needs no refresh: the part loads its data itself when it gets it. */
  private seenBefore = false

  constructor(
    host: ReactiveControllerHost,
    private readonly refresh: () => void,
    private readonly everyMs: number
  ) {
    host.addController(this)
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility)
    this.onVisibility()
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility)
    this.stop()
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
