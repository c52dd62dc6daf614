import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { WebsocketProvider } from 'y-websocket'
import { groupOf, type Role } from '../../shared/roles'
import { endSession, sendPulse, type PulseAnswers } from '../board/pulse-api'
import { SessionEvents } from './session-events'

export interface PulseTarget {
  server: string
  boardId: string
  token: string
  role: Role
}

/**
 * The end-of-session pulse survey on a board: brand and customer participants are asked when the
 * server says a facilitator ended a session, or when they press Leave (asked, then gone). A
 * facilitator gets the End session action. Holds the dialog's state; the host renders it.
 */
export class PulseController implements ReactiveController {
  open = false
  reason: 'ended' | 'leaving' = 'ended'
  busy = false
  error: string | null = null
  /** The participant left this board (the host has closed the connection). */
  left = false
  /** The facilitator's End session request is on its way. */
  ending = false

  private session: string | null = null
  private readonly answered = new Set<string>()
  private readonly events = new SessionEvents((id) => this.onSessionEnded(id))

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => PulseTarget,
    private readonly leave: () => void,
    /** Says something out loud (the host's live region). */
    private readonly say: (text: string) => void
  ) {
    host.addController(this)
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.events.bind(null)
  }

  bind(provider: WebsocketProvider | null): void {
    this.events.bind(provider)
  }

  /** Whether this participant answers the pulse (metrics.md: facilitators and viewers do not). */
  get asks(): boolean {
    return groupOf(this.target().role) !== null
  }

  get canEnd(): boolean {
    return this.target().role === 'facilitator'
  }

  async endSession(): Promise<void> {
    if (this.ending) return
    this.ending = true
    this.host.requestUpdate()
    try {
      await endSession(this.target())
      this.say('Session ended. Brand and customer participants are asked the pulse questions.')
    } catch (e) {
      this.say(`The session could not be ended: ${(e as Error).message}`)
    } finally {
      this.ending = false
      this.host.requestUpdate()
    }
  }

  /** Leave: ask first (answers go to the board's current session), then go. */
  startLeaving(): void {
    if (!this.asks) return this.finishLeaving()
    this.show('leaving', null)
  }

  async answer(answers: PulseAnswers): Promise<void> {
    this.busy = true
    this.error = null
    this.host.requestUpdate()
    try {
      await sendPulse(this.target(), answers, this.session)
      if (this.session) this.answered.add(this.session)
      this.close()
      this.say('Thank you, your answers are saved.')
    } catch (e) {
      this.error = (e as Error).message
    } finally {
      this.busy = false
      this.host.requestUpdate()
    }
  }

  /** Back on the board after leaving (the host reconnects). */
  rejoin(): void {
    this.left = false
    this.host.requestUpdate()
  }

  skip(): void {
    this.close()
  }

  private onSessionEnded(id: string): void {
    if (!this.asks || this.left || this.answered.has(id)) return
    this.show('ended', id)
  }

  private show(reason: 'ended' | 'leaving', session: string | null): void {
    this.reason = reason
    this.session = session
    this.error = null
    this.open = true
    this.host.requestUpdate()
  }

  private close(): void {
    const leaving = this.reason === 'leaving'
    this.open = false
    this.host.requestUpdate()
    if (leaving) this.finishLeaving()
  }

  private finishLeaving(): void {
    this.left = true
    this.leave()
    this.host.requestUpdate()
  }
}
