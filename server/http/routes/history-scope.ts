import type { Context } from 'hono'
import { canManage } from '../../auth/access'
import type { HistoryFeatures } from '../../history/history-features'
import type { BoardSession } from '../../../shared/api/sessions'
import type { BoardRecord } from '../../store/metadata'
import type { AppDeps } from '../app-env'
import { fail } from '../error-handler'
import { boardFromPath, managersOf } from '../board-guard'

/** The history features, or 503 when this app was built without them. */
export function historyFeatures(deps: AppDeps): HistoryFeatures {
  if (!deps.history) throw fail(503, 'history is not enabled on this server')
  return deps.history
}

/** The board in the path, for an admin or that board's facilitator only (history, snapshots, scores). */
export async function managedBoard(deps: AppDeps, principal: Parameters<typeof canManage>[0], id: string): Promise<BoardRecord> {
  const board = await boardFromPath(deps, id)
  if (!canManage(principal, board.id)) throw fail(403, 'only an admin or a facilitator of this board reads its history')
  return board
}

/** The guard of history routes that validate their input: as managedBoard, before the validator. */
export const historyManagers = (deps: AppDeps) => managersOf(deps, 'only an admin or a facilitator of this board reads its history')

/** `?session=ID`: the session to scope to (404 if the board has none by that id), or undefined. */
export async function sessionParam(deps: AppDeps, boardId: string, raw: string | undefined): Promise<BoardSession | undefined> {
  if (raw === undefined || raw === '') return undefined
  const session = await historyFeatures(deps).sessions.get(boardId, raw)
  if (!session) throw fail(404, 'no such session')
  return session
}

/** A non-negative integer query parameter, with a default and an upper bound. */
export function intParam(raw: string | undefined, name: string, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n < 0) throw fail(400, `${name} must be a non-negative integer`)
  return Math.min(n, max)
}

/** A JSON object body that may be left out entirely (an empty body is `{}`); anything else malformed is a 400. */
export async function optionalJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw fail(400, 'body must be JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw fail(400, 'body must be a JSON object')
  return body as Record<string, unknown>
}
