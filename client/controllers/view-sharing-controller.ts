import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { Awareness } from 'y-protocols/awareness'
import { isMapView, type BringEveryone, type MapView } from '../../shared/sync/board-events'

export interface Followed {
  clientId: number
  name: string
  color: string
}

export interface ViewSharingHost {
  /** Shows a part of the map on this screen (the canvas). */
  show(view: MapView): void
  /** Says something out loud (the board's live region). */
  say(text: string): void
  /** This participant's id: "bring everyone here" is not for the facilitator who asked. */
  selfId(): string | null
}

/** How long "… brought everyone here" stays on screen. */
const BROUGHT_NOTICE_MS = 8000

/**
 * Views shared between participants, as Miro and tldraw users expect in a workshop: following
 * someone's view (their presence carries the part of the map on their screen), and a facilitator
 * bringing everyone's view to theirs (a board event only the server sends). Following stops when
 * the followed person leaves, or when this participant stops it or moves the map themselves.
 */
export class ViewSharingController implements ReactiveController {
  following: Followed | null = null
  /** Who just brought everyone here, while the notice shows. */
  broughtBy: string | null = null
  private awareness: Awareness | null = null
  private lastView = ''
  private broughtTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly board: ViewSharingHost
  ) {
    host.addController(this)
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.bind(null)
    if (this.broughtTimer) clearTimeout(this.broughtTimer)
  }

  bind(awareness: Awareness | null): void {
    if (awareness === this.awareness) return
    this.awareness?.off('change', this.onChange)
    this.awareness = awareness
    awareness?.on('change', this.onChange)
    this.following = null
  }

  follow(who: Followed): void {
    this.following = who
    this.lastView = ''
    this.board.say(`Following ${who.name}: you see what they see. Press Escape or move the map to stop.`)
    this.onChange()
    this.host.requestUpdate()
  }

  /** Returns whether there was someone to stop following. */
  stop(): boolean {
    if (!this.following) return false
    const name = this.following.name
    this.following = null
    this.board.say(`Stopped following ${name}.`)
    this.host.requestUpdate()
    return true
  }

  bringEveryone(message: BringEveryone): void {
    // The facilitator who asked is already there.
    if (message.by.id === this.board.selfId()) return
    if (this.following) this.following = null
    this.board.show(message.view)
    this.broughtBy = message.by.name ?? 'A facilitator'
    if (this.broughtTimer) clearTimeout(this.broughtTimer)
    this.broughtTimer = setTimeout(() => {
      this.broughtBy = null
      this.host.requestUpdate()
    }, BROUGHT_NOTICE_MS)
    this.host.requestUpdate()
  }

  private readonly onChange = (): void => {
    const who = this.following
    if (!who || !this.awareness) return
    const state = this.awareness.getStates().get(who.clientId) as { view?: unknown } | undefined
    if (!state) {
      this.following = null
      this.board.say(`${who.name} left the board: you are no longer following them.`)
      this.host.requestUpdate()
      return
    }
    if (!isMapView(state.view)) return
    const key = JSON.stringify(state.view)
    if (key === this.lastView) return
    this.lastView = key
    this.board.show(state.view)
  }
}
