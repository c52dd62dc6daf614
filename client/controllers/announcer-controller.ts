import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { closeMessage } from '../board/cg-status'
import type { ConnectionController } from './connection-controller'

/**
 * What a screen reader hears from the board (its polite live region): things said on request, and
 * the connection changes that matter (going offline, back, or shut out).
 */
export class AnnouncerController implements ReactiveController {
  /** The live region's text. */
  text = ''
  private lastStatus = ''

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected(): void {}
  hostDisconnected(): void {}

  say(text: string): void {
    // Clearing first makes a repeated message ("Undone", "Undone") be read again.
    this.text = ''
    this.host.requestUpdate()
    void this.host.updateComplete.then(() => {
      this.text = text
      this.host.requestUpdate()
    })
  }

  /** Called on every update: says the connection's state when it changed in a way that matters. */
  connection(c: Pick<ConnectionController, 'status' | 'synced' | 'closeCode' | 'offlineCopy'>): void {
    const s = c.status
    const key = s === 'connected' && !c.synced ? 'syncing' : s
    if (key === this.lastStatus) return
    const before = this.lastStatus
    this.lastStatus = key
    if (s === 'offline') {
      const where = c.offlineCopy === 'off' ? 'in this page while it is open' : 'on this device'
      this.say(`You are offline. Your changes are kept ${where} and will be shared when you reconnect.`)
    } else if (s === 'closed') this.say(closeMessage(c.closeCode))
    else if (key === 'connected' && (before === 'offline' || before === 'reconnecting')) this.say('Back online.')
  }
}
