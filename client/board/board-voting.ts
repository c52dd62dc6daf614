import { html, nothing, type ReactiveControllerHost } from 'lit'
import type { Concept } from '../../shared/schema/board-map'
import type { Role } from '../../shared/roles'
import { VoteController } from '../controllers/vote-controller'
import type { BoardTarget } from './board-api'
import { MapVoteClicks } from './map-vote-clicks'
import { withVoteDots, type RemoteMark } from './marks'

/**
 * The board's dot vote as the board shows it: the ballot (VoteController), the clicks on the map that
 * place dots, this participant's dots among the map's marks, and the vote panel with what its events do.
 */
export class BoardVoting {
  readonly votes: VoteController
  /** In voting mode a press and release on a concept places a dot (the stage passes its pointer events). */
  readonly clicks: MapVoteClicks

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: {
      ballot: () => { target: BoardTarget; role: Role }
      isConcept: (id: string) => boolean
      connected: () => boolean
      say: (text: string) => void
    }
  ) {
    this.votes = new VoteController(host, context.ballot)
    this.clicks = new MapVoteClicks(
      () => ({ voting: this.placing, isConcept: context.isConcept }),
      (id, delta) => void this.vote(id, delta)
    )
  }

  /** Voting mode in an open round: a click on a concept places a dot (so no colour and shape panel opens). */
  get placing(): boolean {
    return this.votes.voting && this.votes.round?.open === true
  }

  /** The map's marks, with this participant's own dots while a round is open. */
  marks(marks: ReadonlyMap<string, RemoteMark[]>): ReadonlyMap<string, RemoteMark[]> {
    return this.votes.round?.open && this.votes.canVote ? withVoteDots(marks, this.votes.dots) : marks
  }

  /** A round is open, or its results are still up (until put away). */
  private get shown(): boolean {
    const r = this.votes.round
    return r !== null && this.context.connected() && (r.open || this.votes.dismissed !== r.id)
  }

  private async vote(conceptId: string, delta: 1 | -1): Promise<void> {
    const said = await this.votes.change(conceptId, delta)
    if (said) this.context.say(said)
  }

  panel(concepts: ReadonlyMap<string, Concept>) {
    if (!this.shown) return nothing
    const v = this.votes
    return html`<cg-vote-panel
      .round=${v.round}
      .dots=${v.dots}
      .totals=${v.totals}
      .concepts=${concepts}
      .canVote=${v.canVote}
      .voting=${v.voting}
      .busy=${v.busy}
      .error=${v.error}
      .voters=${v.voters}
      @cg-vote-change=${(e: CustomEvent<{ id: string; delta: 1 | -1 }>) => void this.vote(e.detail.id, e.detail.delta)}
      @cg-vote-mode=${(e: CustomEvent<boolean>) => {
        v.voting = e.detail
        this.host.requestUpdate()
      }}
      @cg-vote-dismiss=${(e: CustomEvent<string>) => {
        v.dismissed = e.detail
        this.host.requestUpdate()
      }}
    ></cg-vote-panel>`
  }
}
