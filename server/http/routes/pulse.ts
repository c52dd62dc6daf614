import { Hono } from 'hono'
import { HISTORY_API, type PulseAnswerSet } from '../../../shared/api/routes/history-routes'
import { answer } from '../answer'
import { PulseBody, SessionQuery } from '../../../shared/api/schemas/history'
import { pulse } from '../../../shared/metrics/pulse'
import { pulseAnswers } from '../../history/score-inputs'
import { ParticipantDirectory } from '../../history/participant-directory'
import { currentSession } from '../../sessions/current-session'
import type { PulseRecord } from '../../store/metadata'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { brandOrCustomerOf } from '../board-guard'
import { validate } from '../validate'
import { historyFeatures, historyManagers, sessionParam } from './history-scope'

/**
 * The pulse survey (metrics.md 10).
 * `POST /api/boards/:id/pulse` with a brand or customer participant's own token,
 * `{session?, replace?, understood?, learned?, represents?}` (each an integer 1–5; omitted or null: refused)
 * → 201 the answer set, or 200 when it replaced the participant's earlier set for that session
 * (metrics.md 10: the later set replaces the earlier), or 409 with `replace: false` if there is one.
 * The session defaults to the board's current one.
 * `GET /api/boards/:id/pulse[?session=ID]` (admin or the board's facilitator) → the answer sets
 * and the per-group summary of the profile.
 */
export function pulseRoutes(deps: AppDeps) {
  const voters = brandOrCustomerOf(deps, 'only brand and customer participants answer the pulse', { notArchived: true })
  return new Hono<AppEnv>()
    .post('/:id/pulse', voters, validate('json', PulseBody), async (c) => {
      const { board, principal: p } = c.var
      // The guard let only participants through; this tells the type so.
      if (p.kind !== 'participant') throw fail(403, 'only brand and customer participants answer the pulse')
      const { session: sessionId, replace, ...items } = c.req.valid('json')
      const { sessions } = historyFeatures(deps)
      const session = sessionId == null ? currentSession(await sessions.list(board.id)) : await sessions.get(board.id, sessionId)
      if (!session) throw fail(404, sessionId == null ? 'the board has no session to answer for yet' : 'no such session')
      const record: PulseRecord = {
        boardId: board.id,
        participantId: p.participant.id,
        session: session.id,
        at: deps.now(),
        understood: items.understood ?? null,
        learned: items.learned ?? null,
        represents: items.represents ?? null
      }
      // The board's dialogs ask with a blank form and cannot know every earlier answer (another tab, a
      // reload): they send replace: false, so a second, partial set never silently wipes the first.
      const written = await deps.store.metadata.recordPulse(record, { keepEarlier: replace === false })
      if (written === 'kept') throw fail(409, 'you already answered the pulse for this session; your earlier answers are kept')
      return answer(c, HISTORY_API.pulse, answerView(record), written === 'replaced' ? 200 : 201)
    })
    .get('/:id/pulse', historyManagers(deps), validate('query', SessionQuery), async (c) => {
      const { board } = c.var
      const session = await sessionParam(deps, board.id, c.req.valid('query').session)
      const [records, directory] = await Promise.all([deps.store.metadata.listPulses(board.id), ParticipantDirectory.load(deps.store.metadata, board.id)])
      const scoped = session ? records.filter((r) => r.session === session.id) : records
      return answer(c, HISTORY_API.pulses, {
        ...(session ? { session: session.id } : {}),
        answers: scoped.map((r) => ({ participant: directory.view(r.participantId), ...answerView(r) })),
        summary: pulse(pulseAnswers(scoped, directory), Infinity)
      })
    })
}

function answerView(r: PulseRecord): PulseAnswerSet {
  return { session: r.session, at: r.at, understood: r.understood, learned: r.learned, represents: r.represents }
}
