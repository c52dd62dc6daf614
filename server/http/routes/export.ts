import { Hono } from 'hono'
import type { z } from 'zod'
import { ExportQuery } from '../../../shared/api/schemas/exchange'
import { exportMap, type ExportOptions } from '../../../shared/exchange/export-map'
import type { BoardMap } from '../../../shared/schema/board-map'
import { canManage, type Principal } from '../../auth/access'
import { creatorsOf } from '../../exchange/creators-of'
import { downloadHeaders } from '../../exchange/download-headers'
import { orRefusal } from '../exchange-refusal'
import { checkPngSize, svgSize } from '../../exchange/png-size'
import { mapAt } from '../../history/map-at'
import type { BoardRecord } from '../../store/metadata'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { boardGuard } from '../board-guard'
import { validate } from '../validate'
import { sessionParam } from './history-scope'

/** The map to export and what to call it. */
interface ExportSource {
  map: BoardMap
  /** The moment the map shows: absent for live. */
  at?: number
  fileTitle: string
}

/**
 * Live for anyone with rights to the board; `at=`, `snapshot=` and `session=` are its history,
 * which (as with GET /map) only an admin or its facilitator reads. A session exports the map as
 * the session left it: at its end if ended, now if still running.
 */
async function exportSource(deps: AppDeps, principal: Principal, board: BoardRecord, query: ExportRequest): Promise<ExportSource> {
  const { at: atRaw, snapshot: snapshotId, session: sessionId } = query
  if ((atRaw !== undefined || snapshotId || sessionId) && !canManage(principal, board.id)) {
    throw fail(403, 'only an admin or a facilitator of this board exports its history')
  }
  const session = await sessionParam(deps, board.id, sessionId)
  const at = session ? (session.open ? undefined : session.end) : atRaw
  // The document's meta is the map's own title; the board record's stands in if a client blanked it.
  const titled = (map: BoardMap): BoardMap => ({ ...map, title: map.title || board.title, focusQuestion: map.focusQuestion || board.focusQuestion })
  if (snapshotId) {
    const snapshot = await deps.store.snapshots.get(board.id, snapshotId)
    if (!snapshot || snapshot.boardId !== board.id) throw fail(404, 'no such snapshot')
    const map = titled(snapshot.map)
    return { map, at: snapshot.at, fileTitle: snapshot.name ? `${map.title} - ${snapshot.name}` : map.title }
  }
  const map = titled(await mapAt(deps.registry, deps.history?.history, board.id, at))
  const fileTitle = session?.name ? `${map.title} - ${session.name}` : map.title
  return at === undefined ? { map, fileTitle } : { map, at, fileTitle }
}

type ExportRequest = z.output<typeof ExportQuery>

export function exportRoutes(deps: AppDeps) {
  const ofTheBoard = boardGuard(deps, (principal, board) => {
    if (principal.kind !== 'admin' && principal.claims.board !== board.id) throw fail(403, 'token is for another board')
  })
  return new Hono<AppEnv>().get('/:id/export', ofTheBoard, validate('query', ExportQuery), async (c) => {
    const { board, principal } = c.var
    const query = c.req.valid('query')
    const { format, scale } = query
    const source = await exportSource(deps, principal, board, query)
    const now = deps.now()
    const options: ExportOptions = {
      creators: await creatorsOf(deps.history?.history, deps.store.metadata, board.id, source.at),
      boardId: board.id,
      exportedAt: now,
      groupColors: query.groups,
      heading: query.heading,
      created: board.createdAt,
      modified: source.at ?? now
    }
    const headers = downloadHeaders(format, source.fileTitle)
    if (format !== 'png') return c.body(exportMap(format, source.map, options), 200, headers)
    return orRefusal(c, async () => {
      const svg = exportMap('svg', source.map, options)
      // Refused here already, so an impossible size never costs a worker.
      const size = svgSize(svg)
      if (size) checkPngSize(size.width, size.height, scale)
      const png = await deps.exchange.run({ kind: 'png', svg, scale })
      return c.body(png, 200, headers)
    })
  })
}
