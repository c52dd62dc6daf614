import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { groupOf, type Role } from '../../shared/roles'
import { BoardApiError } from '../board/board-api'
import { sendPulse, type PulseAnswers } from '../board/pulse-api'

export interface PulseTarget {
  server: string
  boardId: string
  token: string
  role: Role
  /** The marked session running now (the board's live state), or null. */
  session: string | null
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
  /** What the page shown after Leave adds about the pulse, or null. */
  leftNote: string | null = null

  private session: string | null = null
  /** The sessions this page sent answers for (the server says which when Leave names none). */
  private readonly answered = new Set<string>()
  /** The session this page last heard end: with none running, the one Leave answers for. */
  private lastEnded: string | null = null

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

  /**
   * Leave: ask first (answers go to the board's current session), then go. Not asked again for a
   * session this page already answered: a second, blank form would only invite a second answer set.
   */
  startLeaving(): void {
    if (!this.asks) return this.finishLeaving(null)
    const current = this.target().session ?? this.lastEnded
    if (current && this.answered.has(current)) return this.finishLeaving('Your answers to the pulse for this session are saved.')
    this.show('leaving', null)
  }

  async answer(answers: PulseAnswers): Promise<void> {
    this.busy = true
    this.error = null
    this.host.requestUpdate()
    try {
      this.answered.add(await sendPulse(this.target(), answers, this.session))
      this.close()
      this.say('Thank you, your answers are saved.')
    } catch (e) {
      // Answered earlier where this page could not know (another tab, before a reload): the server
      // kept those answers; nothing to retry, so say so (and, leaving, go on leaving).
      if (e instanceof BoardApiError && e.status === 409) {
        if (this.session) this.answered.add(this.session)
        const kept = 'You had already answered the pulse for this session; those answers are kept.'
        if (this.reason === 'ended') this.say(kept)
        this.close(kept)
        return
      }
      this.error = (e as Error).message
    } finally {
      this.busy = false
      this.host.requestUpdate()
    }
  }

  /** Back on the board after leaving (the host reconnects). */
  rejoin(): void {
    this.left = false
    this.leftNote = null
    this.host.requestUpdate()
  }

  skip(): void {
    this.close()
  }

  /** The server said a facilitator ended session `id` (board events). */
  sessionEnded(id: string): void {
    this.lastEnded = id
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

  /** `note`: what the page after Leave adds, when leaving. */
  private close(note: string | null = null): void {
    const leaving = this.reason === 'leaving'
    this.open = false
    this.host.requestUpdate()
    if (leaving) this.finishLeaving(note)
  }

  private finishLeaving(note: string | null): void {
    this.left = true
    this.leftNote = note
    this.leave()
    this.host.requestUpdate()
  }
}
