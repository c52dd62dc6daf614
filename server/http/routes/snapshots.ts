import { Hono } from 'hono'
import { HISTORY_API } from '../../../shared/api/routes/history-routes'
import { answer } from '../answer'
import { CompareSnapshotsQuery, SessionQuery, SnapshotBody } from '../../../shared/api/schemas/history'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { validate } from '../validate'
import { historyFeatures, historyManagers, sessionParam } from './history-scope'

/**
 * Snapshots: `POST /api/boards/:id/snapshots` `{name?, at?}` → 201 `{id, name, at, seq, kind,
 * createdAt, metrics}`; `GET …/snapshots[?session=ID]` → `{snapshots: [summary]}` oldest first;
 * `GET …/snapshots/compare?a=SID&b=SID` → `{a, b, changes}`; `GET …/snapshots/:sid` → the snapshot
 * with its map.
 */
export function snapshotRoutes(deps: AppDeps) {
  const managers = historyManagers(deps)
  return new Hono<AppEnv>()
    .post('/:id/snapshots', managers, validate('json', SnapshotBody), async (c) => {
      const { name, at } = c.req.valid('json')
      const s = await historyFeatures(deps).snapshots.create(c.var.board.id, { name, at: at ?? undefined })
      return answer(c, HISTORY_API.takeSnapshot, { id: s.id, name: s.name, at: s.at, seq: s.seq, kind: s.kind, createdAt: s.createdAt, metrics: s.metrics }, 201)
    })
    .get('/:id/snapshots', managers, validate('query', SessionQuery), async (c) => {
      const { board } = c.var
      const session = await sessionParam(deps, board.id, c.req.valid('query').session)
      let list = await historyFeatures(deps).snapshots.list(board.id)
      if (session) list = list.filter((s) => s.at >= session.start && s.at <= session.end)
      return answer(c, HISTORY_API.snapshots, { snapshots: list })
    })
    .get('/:id/snapshots/compare', managers, validate('query', CompareSnapshotsQuery), async (c) => {
      const { a, b } = c.req.valid('query')
      const result = await historyFeatures(deps).snapshots.compare(c.var.board.id, a, b)
      if (!result) throw fail(404, 'no such snapshot')
      return answer(c, HISTORY_API.compareSnapshots, result)
    })
    .get('/:id/snapshots/:sid', managers, async (c) => {
      const s = await historyFeatures(deps).snapshots.get(c.var.board.id, c.req.param('sid'))
      if (!s) throw fail(404, 'no such snapshot')
      return answer(c, HISTORY_API.snapshot, { id: s.id, name: s.name, at: s.at, seq: s.seq, kind: s.kind, createdAt: s.createdAt, map: s.map, metrics: s.metrics })
    })
}
