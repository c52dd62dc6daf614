import { Hono } from 'hono'
import { HISTORY_API } from '../../../shared/api/routes/history-routes'
import { answer } from '../answer'
import type { HistoryEvent } from '../../../shared/api/history'
import type { NumberedEvent } from '../../history/history-reader'
import { ParticipantDirectory } from '../../history/participant-directory'
import type { AppDeps, AppEnv } from '../app-env'
import { HistoryQuery } from '../../../shared/api/schemas/history'
import { validate } from '../validate'
import { historyFeatures, historyManagers, sessionParam } from './history-scope'

export const DEFAULT_HISTORY_PAGE = 1000
export const MAX_HISTORY_PAGE = 5000

/**
 * `GET /api/boards/:id/history[?after=N&limit=M&session=ID]`: the board's element events, oldest
 * first. `seq` numbers events 1, 2, 3, … (strictly rising); `update` is the journal entry that
 * made it (events of one update share it, their time and their author). `next` is the `after` of
 * the following page, or null on the last one.
 */
export function historyRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/:id/history', historyManagers(deps), validate('query', HistoryQuery), async (c) => {
    const { board } = c.var
    const { history } = historyFeatures(deps)
    const query = c.req.valid('query')
    const session = await sessionParam(deps, board.id, query.session)
    const after = Math.min(query.after ?? 0, Number.MAX_SAFE_INTEGER)
    const limit = Math.max(1, Math.min(query.limit ?? DEFAULT_HISTORY_PAGE, MAX_HISTORY_PAGE))
    // One more than asked tells whether another page follows.
    const [events, directory] = await Promise.all([
      history.events(board.id, { afterEvent: after, limit: limit + 1, from: session?.start, to: session?.end }),
      ParticipantDirectory.load(deps.store.metadata, board.id)
    ])
    const page = events.slice(0, limit)
    return answer(c, HISTORY_API.history, {
      events: page.map((e) => historyEvent(e, directory)),
      next: events.length > limit ? page[page.length - 1]!.number : null
    })
  })
}

function historyEvent(e: NumberedEvent, directory: ParticipantDirectory): HistoryEvent {
  const element: HistoryEvent['element'] = {
    type: e.event.elementType,
    id: e.event.elementId
  }
  if (e.event.from !== undefined) element.from = e.event.from
  if (e.event.to !== undefined) element.to = e.event.to
  if (e.value) element.label = e.value.label
  return { seq: e.number, update: e.seq, at: e.at, participant: directory.view(e.participantId), kind: e.event.kind, element }
}
