import { Hono } from 'hono'
import {
  EXPORT_FORMATS, exportMap, isExportFormat, type ExportFormat, type ExportOptions
} from '../../../shared/exchange/export-map'
import type { BoardMap } from '../../../shared/schema/board-map'
import { canManage, type Principal } from '../../auth/access'
import { creatorsOf } from '../../exchange/creators-of'
import { downloadHeaders } from '../../exchange/download-headers'
import { orRefusal } from '../exchange-refusal'
import { MAX_PNG_SCALE, MIN_PNG_SCALE, checkPngSize, svgSize } from '../../exchange/png-size'
import { mapAt } from '../../history/map-at'
import type { BoardRecord } from '../../store/metadata'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { boardFromPath } from './boards'
import { sessionParam } from './history-scope'
import { atParam } from './map'

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
async function exportSource(deps: AppDeps, principal: Principal, board: BoardRecord, query: (k: string) => string | undefined): Promise<ExportSource> {
  const atRaw = atParam(query('at'))
  const snapshotId = query('snapshot')
  const sessionId = query('session')
  const given = [atRaw !== undefined, Boolean(snapshotId), Boolean(sessionId)].filter(Boolean).length
  if (given > 1) throw fail(400, 'give at most one of at, snapshot and session')
  if (given > 0 && !canManage(principal, board.id)) {
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

/** `scale` for PNG: default 1. */
function scaleParam(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1
  const scale = Number(raw)
  if (!Number.isFinite(scale) || scale < MIN_PNG_SCALE || scale > MAX_PNG_SCALE) {
    throw fail(400, `scale must be a number from ${MIN_PNG_SCALE} to ${MAX_PNG_SCALE}`)
  }
  return scale
}

const flag = (raw: string | undefined, fallback: boolean) =>
  raw === undefined || raw === '' ? fallback : !['0', 'false', 'no', 'off'].includes(raw.toLowerCase())

export function exportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/:id/export', async (c) => {
    const board = await boardFromPath(deps, c.req.param('id'))
    const principal = c.var.principal
    if (principal.kind !== 'admin' && principal.claims.board !== board.id) throw fail(403, 'token is for another board')
    const format = c.req.query('format')
    if (!isExportFormat(format)) throw fail(400, `format must be one of: ${EXPORT_FORMATS.join(', ')}`)
    const scale = format === 'png' ? scaleParam(c.req.query('scale')) : 1
    const source = await exportSource(deps, principal, board, (k) => c.req.query(k))
    const now = deps.now()
    const options: ExportOptions = {
      creators: await creatorsOf(deps.history?.history, deps.store.metadata, board.id, source.at),
      boardId: board.id,
      exportedAt: now,
      groupColors: flag(c.req.query('groups'), false),
      heading: flag(c.req.query('heading'), true),
      created: board.createdAt,
      modified: source.at ?? now
    }
    const headers = downloadHeaders(format as ExportFormat, source.fileTitle)
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
