import { Hono } from 'hono'
import { groupOf } from '../../../shared/roles'
import { canManage, type Principal } from '../../auth/access'
import { newId } from '../../new-id'
import { mapAt } from '../../history/map-at'
import { ParticipantDirectory } from '../../history/participant-directory'
import type { BoardRecord, VoteRoundRecord } from '../../store/metadata'
import { parseBallotDots, roundView, VOTE_LIMITS, voteTotals } from '../../votes/ballot'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { readJsonObject } from '../read-json'
import { boardFromPath } from './boards'
import { optionalJsonObject } from './history-scope'

const ROUND_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Dot votes (contract "Facilitating live"). A facilitator or admin opens and closes rounds and
 * reads every ballot; a brand or customer participant places their own dots, attributed to their
 * token's participant and to nothing the body says. Opening or closing a round changes the board's
 * live state (message 101), so every open board learns of it at once.
 */
export function voteRoundRoutes(deps: AppDeps) {
  const facilitated = async (principal: Principal, id: string): Promise<BoardRecord> => {
    const board = await boardFromPath(deps, id)
    if (!canManage(principal, board.id)) throw fail(403, 'only an admin or a facilitator of this board does this')
    return board
  }
  /** The board and the voter: a brand or customer participant of this board, with their own token. */
  const voter = async (principal: Principal, id: string) => {
    const board = await boardFromPath(deps, id)
    if (principal.kind !== 'participant') throw fail(403, 'only brand and customer participants vote')
    if (principal.claims.board !== board.id) throw fail(403, 'token is for another board')
    if (groupOf(principal.participant.role) === null) throw fail(403, 'only brand and customer participants vote')
    return { board, participant: principal.participant }
  }
  const roundOf = async (boardId: string, rid: string): Promise<VoteRoundRecord> => {
    if (!ROUND_ID.test(rid)) throw fail(404, 'no such round')
    const round = (await deps.store.metadata.listVoteRounds(boardId)).find((r) => r.id === rid)
    if (!round) throw fail(404, 'no such round')
    return round
  }

  return new Hono<AppEnv>()
    .post('/:id/vote-rounds', async (c) => {
      const board = await facilitated(c.var.principal, c.req.param('id'))
      if (board.archived) throw fail(403, 'board is archived')
      const body = await optionalJsonObject(c)
      for (const key of Object.keys(body)) if (key !== 'name' && key !== 'dots') throw fail(400, `unknown field ${key}`)
      const dots = body.dots ?? VOTE_LIMITS.defaultDots
      if (typeof dots !== 'number' || !Number.isInteger(dots) || dots < VOTE_LIMITS.minDots || dots > VOTE_LIMITS.maxDots) {
        throw fail(400, `dots must be a whole number from ${VOTE_LIMITS.minDots} to ${VOTE_LIMITS.maxDots}`)
      }
      const metadata = deps.store.metadata
      let name: string
      if (body.name === undefined || body.name === null) name = `Round ${(await metadata.listVoteRounds(board.id)).length + 1}`
      else if (typeof body.name !== 'string') throw fail(400, 'name must be a string')
      else if (body.name.trim().length > VOTE_LIMITS.maxNameLength) throw fail(400, `name is longer than ${VOTE_LIMITS.maxNameLength} characters`)
      else name = body.name.trim() || `Round ${(await metadata.listVoteRounds(board.id)).length + 1}`
      const round: VoteRoundRecord = { id: newId(), boardId: board.id, name, dots, openedAt: deps.now(), closedAt: null }
      if (!(await metadata.openVoteRound(round))) throw fail(409, 'another round is open: close it first')
      deps.registry.events.stateChanged(board.id)
      return c.json(roundView(round), 201)
    })
    .post('/:id/vote-rounds/:rid/close', async (c) => {
      const board = await facilitated(c.var.principal, c.req.param('id'))
      const rid = c.req.param('rid')
      if (!ROUND_ID.test(rid)) throw fail(404, 'no such round')
      const round = await deps.store.metadata.closeVoteRound(board.id, rid, deps.now())
      if (!round) throw fail(404, 'no such round')
      deps.registry.events.stateChanged(board.id)
      return c.json(roundView(round))
    })
    .get('/:id/vote-rounds', async (c) => {
      const board = await facilitated(c.var.principal, c.req.param('id'))
      const metadata = deps.store.metadata
      const [rounds, ballots, directory] = await Promise.all([
        metadata.listVoteRounds(board.id),
        metadata.listBallots(board.id),
        ParticipantDirectory.load(metadata, board.id)
      ])
      return c.json({
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
    .put('/:id/vote-rounds/:rid/ballot', async (c) => {
      const { board, participant } = await voter(c.var.principal, c.req.param('id'))
      if (board.archived) throw fail(403, 'board is archived')
      const round = await roundOf(board.id, c.req.param('rid'))
      if (round.closedAt !== null) throw fail(409, 'the round is closed')
      const body = await readJsonObject(c)
      const map = await mapAt(deps.registry, deps.history?.history, board.id)
      const present = new Set(map.concepts.map((k) => k.id))
      const parsed = parseBallotDots(body, round, (id) => present.has(id))
      if ('error' in parsed) throw fail(400, parsed.error)
      const ballot = { boardId: board.id, roundId: round.id, participantId: participant.id, at: deps.now(), dots: parsed.dots }
      const outcome = await deps.store.metadata.castBallot(ballot)
      if (outcome === 'missing') throw fail(404, 'no such round')
      if (outcome === 'closed') throw fail(409, 'the round is closed')
      return c.json({ round: roundView(round), dots: ballot.dots, at: ballot.at, left: round.dots - sumOf(ballot.dots) })
    })
    .get('/:id/vote-rounds/:rid/ballot', async (c) => {
      const { board, participant } = await voter(c.var.principal, c.req.param('id'))
      const round = await roundOf(board.id, c.req.param('rid'))
      const metadata = deps.store.metadata
      const ballots = (await metadata.listBallots(board.id)).filter((b) => b.roundId === round.id)
      const own = ballots.find((b) => b.participantId === participant.id)
      const dots = own?.dots ?? {}
      const body: Record<string, unknown> = { round: roundView(round), dots, at: own?.at ?? null, left: round.dots - sumOf(dots) }
      // Once the round is closed, everyone sees the totals (by side, no names).
      if (round.closedAt !== null) {
        const directory = await ParticipantDirectory.load(metadata, board.id)
        body.totals = voteTotals(ballots, (id) => directory.role(id))
      }
      return c.json(body)
    })
}

const sumOf = (dots: Record<string, number>) => Object.values(dots).reduce((s, n) => s + n, 0)
