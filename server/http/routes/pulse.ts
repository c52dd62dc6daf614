import { Hono } from 'hono'
import { pulse, PULSE_ITEMS } from '../../../shared/metrics/pulse'
import { groupOf } from '../../../shared/roles'
import { pulseAnswers } from '../../history/metrics-input'
import { ParticipantDirectory } from '../../history/participant-directory'
import { currentSession } from '../../sessions/current-session'
import type { PulseRecord } from '../../store/metadata'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { readJsonObject } from '../read-json'
import { boardFromPath } from './boards'
import { historyFeatures, managedBoard, sessionParam } from './history-scope'

const FIELDS = new Set<string>(['session', ...PULSE_ITEMS])
const MAX_SESSION_ID = 200

/**
 * The pulse survey (metrics.md 10).
 * `POST /api/boards/:id/pulse` with a brand or customer participant's own token,
 * `{session?, understood?, learned?, represents?}` (each an integer 1–5; omitted or null: refused)
 * → 201 the answer set, or 200 when it replaced the participant's earlier set for that session.
 * The session defaults to the board's current one.
 * `GET /api/boards/:id/pulse[?session=ID]` (admin or the board's facilitator) → the answer sets
 * and the per-group summary of the profile.
 */
export function pulseRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/:id/pulse', async (c) => {
      const board = await boardFromPath(deps, c.req.param('id'))
      const p = c.var.principal
      if (p.kind !== 'participant') throw fail(403, 'only brand and customer participants answer the pulse')
      if (p.claims.board !== board.id) throw fail(403, 'token is for another board')
      if (groupOf(p.participant.role) === null) throw fail(403, 'only brand and customer participants answer the pulse')
      if (board.archived) throw fail(403, 'board is archived')
      const body = await readJsonObject(c)
      const items = pulseItems(body)
      const { sessions } = historyFeatures(deps)
      const session =
        body.session === undefined || body.session === null
          ? currentSession(await sessions.list(board.id))
          : await sessions.get(board.id, sessionId(body.session))
      if (!session) throw fail(404, body.session == null ? 'the board has no session to answer for yet' : 'no such session')
      const metadata = deps.store.metadata
      const replaced = (await metadata.listPulses(board.id)).some((r) => r.participantId === p.participant.id && r.session === session.id)
      const record: PulseRecord = { boardId: board.id, participantId: p.participant.id, session: session.id, at: deps.now(), ...items }
      await metadata.recordPulse(record)
      return c.json(answerView(record), replaced ? 200 : 201)
    })
    .get('/:id/pulse', async (c) => {
      const board = await managedBoard(deps, c.var.principal, c.req.param('id'))
      const session = await sessionParam(deps, board.id, c.req.query('session'))
      const [records, directory] = await Promise.all([deps.store.metadata.listPulses(board.id), ParticipantDirectory.load(deps.store.metadata, board.id)])
      const scoped = session ? records.filter((r) => r.session === session.id) : records
      return c.json({
        ...(session ? { session: session.id } : {}),
        answers: scoped.map((r) => ({ participant: directory.view(r.participantId), ...answerView(r) })),
        summary: pulse(pulseAnswers(scoped, directory), Infinity)
      })
    })
}

function answerView(r: PulseRecord) {
  return { session: r.session, at: r.at, understood: r.understood, learned: r.learned, represents: r.represents }
}

/** The three items: each an integer 1–5, or omitted/null for a refusal to answer; nothing else may be sent. */
function pulseItems(body: Record<string, unknown>): Pick<PulseRecord, 'understood' | 'learned' | 'represents'> {
  for (const key of Object.keys(body)) if (!FIELDS.has(key)) throw fail(400, `unknown field ${key}`)
  const item = (name: (typeof PULSE_ITEMS)[number]): number | null => {
    const v = body[name]
    if (v === undefined || v === null) return null
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) throw fail(400, `${name} must be an integer from 1 to 5, or null`)
    return v
  }
  return { understood: item('understood'), learned: item('learned'), represents: item('represents') }
}

function sessionId(v: unknown): string {
  if (typeof v !== 'string' || v === '' || v.length > MAX_SESSION_ID) throw fail(400, 'session must be a session id')
  return v
}
