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
