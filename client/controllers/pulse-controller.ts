import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { groupOf, type Role } from '../../shared/roles'
import { sendPulse, type PulseAnswers } from '../board/pulse-api'

export interface PulseTarget {
  server: string
  boardId: string
  token: string
  role: Role
}

/**
 * The end-of-session pulse survey on a board: brand and customer participants are asked when the
 * server says a facilitator ended a session, or when they press Leave (asked, then gone). Holds the
 * dialog's state; the host renders it.
 */
export class PulseController implements ReactiveController {
  open = false
  reason: 'ended' | 'leaving' = 'ended'
  busy = false
  error: string | null = null
  /** The participant left this board (the host has closed the connection). */
  left = false

  private session: string | null = null
  private readonly answered = new Set<string>()

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

  /** Whether this participant answers the pulse (metrics.md: facilitators and viewers do not). */
  get asks(): boolean {
    return groupOf(this.target().role) !== null
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

  /** The server said a facilitator ended session `id` (board events). */
  sessionEnded(id: string): void {
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
