import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { stringField } from '../read-json'
import { historyFeatures, managedBoard, optionalJsonObject, sessionParam } from './history-scope'

const MAX_SNAPSHOT_NAME = 200

/**
 * Snapshots: `POST /api/boards/:id/snapshots` `{name?, at?}` → 201 `{id, name, at, seq, kind,
 * createdAt, metrics}`; `GET …/snapshots[?session=ID]` → `{snapshots: [summary]}` oldest first;
 * `GET …/snapshots/compare?a=SID&b=SID` → `{a, b, changes}`; `GET …/snapshots/:sid` → the snapshot
 * with its map.
 */
export function snapshotRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/:id/snapshots', async (c) => {
      const board = await managedBoard(deps, c.var.principal, c.req.param('id'))
      const body = await optionalJsonObject(c)
      const name = stringField(body, 'name', MAX_SNAPSHOT_NAME, '')
      let at: number | undefined
      if (body.at !== undefined && body.at !== null) {
        if (typeof body.at !== 'number' || !Number.isSafeInteger(body.at) || body.at < 0) throw fail(400, 'at must be epoch milliseconds')
        at = body.at
      }
      const s = await historyFeatures(deps).snapshots.create(board.id, { name, at })
      return c.json({ id: s.id, name: s.name, at: s.at, seq: s.seq, kind: s.kind, createdAt: s.createdAt, metrics: s.metrics }, 201)
    })
    .get('/:id/snapshots', async (c) => {
      const board = await managedBoard(deps, c.var.principal, c.req.param('id'))
      const session = await sessionParam(deps, board.id, c.req.query('session'))
      let list = await historyFeatures(deps).snapshots.list(board.id)
      if (session) list = list.filter((s) => s.at >= session.start && s.at <= session.end)
      return c.json({ snapshots: list })
    })
    .get('/:id/snapshots/compare', async (c) => {
      const board = await managedBoard(deps, c.var.principal, c.req.param('id'))
      const a = c.req.query('a')
      const b = c.req.query('b')
      if (!a || !b) throw fail(400, 'a and b must name two snapshots')
      const result = await historyFeatures(deps).snapshots.compare(board.id, a, b)
      if (!result) throw fail(404, 'no such snapshot')
      return c.json(result)
    })
    .get('/:id/snapshots/:sid', async (c) => {
      const board = await managedBoard(deps, c.var.principal, c.req.param('id'))
      const s = await historyFeatures(deps).snapshots.get(board.id, c.req.param('sid'))
      if (!s) throw fail(404, 'no such snapshot')
      return c.json({ id: s.id, name: s.name, at: s.at, seq: s.seq, kind: s.kind, createdAt: s.createdAt, map: s.map, metrics: s.metrics })
    })
}
