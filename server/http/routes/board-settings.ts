import { Hono } from 'hono'
import { BOARD_API } from '../../../shared/api/routes/board-routes'
import { answer } from '../answer'
import { CloseCode } from '../../../shared/close-codes'
import { boardTypes } from '../../../shared/schema/board-doc'
import { ADMIN_PARTICIPANT_ID } from '../../auth/access'
import { PatchBoardBody } from '../../../shared/api/schemas/boards'
import type { BoardRecord } from '../../store/metadata'
import type { AppDeps, AppEnv } from '../app-env'
import { managersOf } from '../board-guard'
import { validate } from '../validate'
import { boardView } from './boards'

/**
 * PATCH /api/boards/:id {title?, focusQuestion?, locked?, archived?, allowedOrigins?} (admin or the
 * board's facilitator). Every change applies live: a lock to the room at once, an archive closes
 * every connection with 4403, a new title or focus question is written into the board's document
 * (journaled, attributed to whoever made it) so everyone on the board sees it.
 */
export function boardSettingsRoutes(deps: AppDeps) {
  const managers = managersOf(deps, 'only an admin or a facilitator of this board changes it')
  return new Hono<AppEnv>().patch('/:id', managers, validate('json', PatchBoardBody), async (c) => {
    const { board, principal } = c.var
    const patch: Partial<Omit<BoardRecord, 'id'>> = c.req.valid('json')
    const updated = (await deps.store.metadata.updateBoard(board.id, patch)) ?? board
    if (patch.locked !== undefined && patch.locked !== board.locked) deps.registry.setLocked(board.id, patch.locked)
    if (patch.archived && !board.archived) {
      const ejection = { boardId: board.id, participantIds: 'all' as const, code: CloseCode.forbidden, reason: 'board is archived' }
      deps.access.eject(ejection)
      deps.registry.disconnect(board.id, () => true, ejection.code, ejection.reason)
    }
    // Compared with the document, not the stored record: the document is what everyone sees, and what
    // a PATCH must be able to repair whatever the record says.
    const meta: [string, string][] = []
    if (patch.title !== undefined) meta.push(['title', patch.title])
    if (patch.focusQuestion !== undefined) meta.push(['focusQuestion', patch.focusQuestion])
    if (meta.length > 0) {
      const room = await deps.registry.room(board.id)
      const author = principal.kind === 'admin' ? ADMIN_PARTICIPANT_ID : principal.participant.id
      room.applyServerChange((doc) => {
        const m = boardTypes(doc).meta
        doc.transact(() => {
          for (const [key, value] of meta) if (m.get(key) !== value) m.set(key, value)
        })
      }, author)
    }
    deps.log.info({ board: board.id, changed: Object.keys(patch) }, 'board changed')
    return answer(c, BOARD_API.patchBoard, boardView(updated, deps.publicUrl()))
  })
}
