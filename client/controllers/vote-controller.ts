import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { groupOf, type Role } from '../../shared/roles'
import type { LiveVoteRound } from '../../shared/sync/board-events'
import { LIVE_API } from '../../shared/api/routes/live-routes'
import type { VoteTotals } from '../../shared/api/votes'
import { boardClient, boardParams, type BoardTarget } from '../board/board-api'

export type { VoteTotals }

/**
 * The board's dot vote as this participant takes part in it. The round (open or closed) comes from
 * the board's live state (message 101), so everyone learns at once that a round opened or closed;
 * this reads and writes the participant's own ballot over HTTP (the server attributes it to the
 * token, and checks the dots). A facilitator reads every ballot's totals instead.
 */
export class VoteController implements ReactiveController {
  round: LiveVoteRound | null = null
  dots: Record<string, number> = {}
  totals: VoteTotals | null = null
  /** Brand and customer people who placed dots (facilitators see it). */
  voters = 0
  /** Clicking a concept places a dot (shift-click takes one back). */
  voting = false
  busy = false
  error = ''
  /** The results of a closed round were put away. */
  dismissed: string | null = null
  private loadedFor = ''

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: () => { target: BoardTarget; role: Role }
  ) {
    host.addController(this)
  }

  hostConnected(): void {}
  hostDisconnected(): void {}

  get canVote(): boolean {
    return groupOf(this.context().role) !== null
  }

  get placed(): number {
    return Object.values(this.dots).reduce((s, n) => s + n, 0)
  }

  get left(): number {
    return this.round ? Math.max(0, this.round.dots - this.placed) : 0
  }

  /** Called with the live state's round on every update: reloads when the round or its state changed. */
  sync(round: LiveVoteRound | null | undefined): void {
    const key = round ? `${round.id}:${round.open}` : ''
    if (key === this.loadedFor) return
    this.loadedFor = key
    const sameRound = round !== null && round !== undefined && round.id === this.round?.id
    const opened = round?.open === true && !sameRound
    this.round = round ?? null
    this.totals = null
    if (!sameRound) this.dots = {}
    if (opened && this.canVote) this.voting = true
    if (!round?.open) this.voting = false
    this.error = ''
    this.host.requestUpdate()
    if (round) void this.load(round)
  }

  private async load(round: LiveVoteRound): Promise<void> {
    const { target } = this.context()
    try {
      if (this.canVote) {
        const b = await boardClient(target).call(LIVE_API.ballot, { params: { ...boardParams(target), rid: round.id } })
        if (this.round?.id !== round.id) return
        this.dots = b.dots
        this.totals = b.totals ?? null
      } else if (this.context().role === 'facilitator') {
        const all = await boardClient(target).call(LIVE_API.voteRounds, { params: boardParams(target) })
        const r = all.rounds.find((x) => x.id === round.id)
        if (!r || this.round?.id !== round.id) return
        this.voters = r.ballots.length
        this.totals = round.open ? null : r.totals
      }
    } catch (e) {
      this.error = `The vote could not be read: ${(e as Error).message}.`
    }
    this.host.requestUpdate()
  }

  /**
   * One more dot on a concept (or one fewer with `delta` −1); says what happened. Changes go one at
   * a time, each from the ballot the previous one left, so quick clicks never overwrite each other.
   */
  change(conceptId: string, delta: 1 | -1): Promise<string> {
    const next = this.queue.then(() => this.apply(conceptId, delta))
    this.queue = next.then(
      () => {},
      () => {}
    )
    return next
  }

  private queue: Promise<void> = Promise.resolve()

  private async apply(conceptId: string, delta: 1 | -1): Promise<string> {
    const round = this.round
    if (!round?.open || !this.canVote) return ''
    const current = this.dots[conceptId] ?? 0
    if (delta > 0 && this.left === 0) return `No dots left: take one back from another concept first.`
    if (delta < 0 && current === 0) return ''
    const next = { ...this.dots, [conceptId]: current + delta }
    if (next[conceptId] === 0) delete next[conceptId]
    const before = this.dots
    this.dots = next
    this.busy = true
    this.host.requestUpdate()
    try {
      const b = await boardClient(this.context().target).call(LIVE_API.castBallot, { params: { ...boardParams(this.context().target), rid: round.id }, body: { dots: next } })
      if (this.round?.id === round.id) this.dots = b.dots
      this.error = ''
      return `${delta > 0 ? 'Dot placed' : 'Dot taken back'}: ${b.left} of ${round.dots} left.`
    } catch (e) {
      if (this.round?.id === round.id) this.dots = before
      this.error = `Your dot was not placed: ${(e as Error).message}.`
      return this.error
    } finally {
      this.busy = false
      this.host.requestUpdate()
    }
  }
}
