import { Hono } from 'hono'
import type { BallotView } from '../../../shared/api/votes'
import { LIVE_API } from '../../../shared/api/routes/live-routes'
import { answer } from '../answer'
import { createMiddleware } from 'hono/factory'
import { BallotBody, OpenRoundBody } from '../../../shared/api/schemas/live'
import { newId } from '../../new-id'
import { mapAt } from '../../history/map-at'
import { ParticipantDirectory } from '../../history/participant-directory'
import type { VoteRoundRecord } from '../../store/metadata'
import { parseBallotDots, roundView, voteTotals } from '../../votes/ballot'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { brandOrCustomerOf, managersOf, type GuardedEnv } from '../board-guard'
import { validate } from '../validate'

const ROUND_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Dot votes (contract "Facilitating live"). A facilitator or admin opens and closes rounds and
 * reads every ballot; a brand or customer participant places their own dots, attributed to their
 * token's participant and to nothing the body says. Opening or closing a round changes the board's
 * live state (message 101), so every open board learns of it at once.
 */
export function voteRoundRoutes(deps: AppDeps) {
  const facilitators = managersOf(deps, 'only an admin or a facilitator of this board does this')
  const openingFacilitators = managersOf(deps, 'only an admin or a facilitator of this board does this', { notArchived: true })
  const voters = brandOrCustomerOf(deps, 'only brand and customer participants vote')
  const castingVoters = brandOrCustomerOf(deps, 'only brand and customer participants vote', { notArchived: true })
  const roundOf = async (boardId: string, rid: string): Promise<VoteRoundRecord> => {
    if (!ROUND_ID.test(rid)) throw fail(404, 'no such round')
    const round = (await deps.store.metadata.listVoteRounds(boardId)).find((r) => r.id === rid)
    if (!round) throw fail(404, 'no such round')
    return round
  }
  /** The round of the path, still open: looked up before the ballot's body is (404, 409 first). */
  const openRound = createMiddleware<GuardedEnv & { Variables: { round: VoteRoundRecord } }>(async (c, next) => {
    const round = await roundOf(c.var.board.id, c.req.param('rid') ?? '')
    if (round.closedAt !== null) throw fail(409, 'the round is closed')
    c.set('round', round)
    await next()
  })

  return new Hono<AppEnv>()
    .post('/:id/vote-rounds', openingFacilitators, validate('json', OpenRoundBody), async (c) => {
      const { board } = c.var
      const { name: asked, dots } = c.req.valid('json')
      const metadata = deps.store.metadata
      const name = asked || `Round ${(await metadata.listVoteRounds(board.id)).length + 1}`
      const round: VoteRoundRecord = { id: newId(), boardId: board.id, name, dots, openedAt: deps.now(), closedAt: null }
      if (!(await metadata.openVoteRound(round))) throw fail(409, 'another round is open: close it first')
      deps.registry.events.stateChanged(board.id)
      return answer(c, LIVE_API.openVoteRound, roundView(round), 201)
    })
    .post('/:id/vote-rounds/:rid/close', facilitators, async (c) => {
      const { board } = c.var
      const rid = c.req.param('rid')
      if (!ROUND_ID.test(rid)) throw fail(404, 'no such round')
      const round = await deps.store.metadata.closeVoteRound(board.id, rid, deps.now())
      if (!round) throw fail(404, 'no such round')
      deps.registry.events.stateChanged(board.id)
      return answer(c, LIVE_API.closeVoteRound, roundView(round))
    })
    .get('/:id/vote-rounds', facilitators, async (c) => {
      const { board } = c.var
      const metadata = deps.store.metadata
      const [rounds, ballots, directory] = await Promise.all([
        metadata.listVoteRounds(board.id),
        metadata.listBallots(board.id),
        ParticipantDirectory.load(metadata, board.id)
      ])
      return answer(c, LIVE_API.voteRounds, {
        rounds: rounds.map((r) => {
          const own = ballots.filter((b) => b.roundId === r.id)
          return {
            ...roundView(r),
            ballots: own.map((b) => ({ participant: directory.view(b.participantId), dots: b.dots, at: b.at })),
            totals: voteTotals(own, (id) => directory.role(id))
          }
        })
      })
    })
    .put('/:id/vote-rounds/:rid/ballot', castingVoters, openRound, validate('json', BallotBody), async (c) => {
      const { board, round, principal } = c.var
      if (principal.kind !== 'participant') throw fail(403, 'only brand and customer participants vote')
      const participant = principal.participant
      const body = c.req.valid('json')
      const map = await mapAt(deps.registry, deps.history?.history, board.id)
      const present = new Set(map.concepts.map((k) => k.id))
      const parsed = parseBallotDots(body, round, (id) => present.has(id))
      if ('error' in parsed) throw fail(400, parsed.error)
      const ballot = { boardId: board.id, roundId: round.id, participantId: participant.id, at: deps.now(), dots: parsed.dots }
      const outcome = await deps.store.metadata.castBallot(ballot)
      if (outcome === 'missing') throw fail(404, 'no such round')
      if (outcome === 'closed') throw fail(409, 'the round is closed')
      return answer(c, LIVE_API.castBallot, { round: roundView(round), dots: ballot.dots, at: ballot.at, left: round.dots - sumOf(ballot.dots) })
    })
    .get('/:id/vote-rounds/:rid/ballot', voters, async (c) => {
      const { board, principal } = c.var
      if (principal.kind !== 'participant') throw fail(403, 'only brand and customer participants vote')
      const participant = principal.participant
      const round = await roundOf(board.id, c.req.param('rid'))
      const metadata = deps.store.metadata
      const ballots = (await metadata.listBallots(board.id)).filter((b) => b.roundId === round.id)
      const own = ballots.find((b) => b.participantId === participant.id)
      const dots = own?.dots ?? {}
      const body: BallotView = { round: roundView(round), dots, at: own?.at ?? null, left: round.dots - sumOf(dots) }
      // Once the round is closed, everyone sees the totals (by side, no names).
      if (round.closedAt !== null) {
        const directory = await ParticipantDirectory.load(metadata, board.id)
        body.totals = voteTotals(ballots, (id) => directory.role(id))
      }
      return answer(c, LIVE_API.ballot, body)
    })
}

const sumOf = (dots: Record<string, number>) => Object.values(dots).reduce((s, n) => s + n, 0)
